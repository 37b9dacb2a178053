package io.deepsentiment.serve;

import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.Scorer;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Scoring through a served model's {@link BatchScorer}, for work in the background (hashtag
 * analyses): the texts join the same queue as API requests, under the same bound. When the queue
 * is full the work waits and tries again, since nobody is waiting on an HTTP answer for it, while
 * API requests are refused at once.
 */
final class QueuedScorer implements Scorer {

    private static final long RETRY_MILLIS = 50;
    private static final long TIMEOUT_SECONDS = 120;

    private final ServedModel model;

    QueuedScorer(ServedModel model) {
        this.model = model;
    }

    @Override
    public ModelManifest manifest() {
        return model.predictor().manifest();
    }

    @Override
    public List<Prediction> score(List<String> texts) {
        SentimentPredictor predictor = model.predictor();
        return predictor.toPredictions(probabilities(predictor.idsOf(texts)));
    }

    private List<float[]> probabilities(List<int[]> ids) {
        while (true) {
            try {
                return model.scorer().submit(ids).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ApiException e) {
                if (!"queue_full".equals(e.code())) {
                    throw new IllegalStateException("scoring failed: " + e.getMessage(), e);
                }
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while scoring", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("scoring failed: " + e, e);
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the scoring queue", e);
        }
    }
}
