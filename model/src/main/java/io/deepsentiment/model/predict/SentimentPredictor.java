package io.deepsentiment.model.predict;

import io.deepsentiment.model.artifact.ArtifactException;
import io.deepsentiment.model.artifact.ModelArtifact;
import io.deepsentiment.model.artifact.ModelManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded sentiment model: text -> tokens -> ids -> network -> {@link Prediction}. Two kinds: the
 * CNN ({@link CnnPredictor}) and the fine-tuned transformer encoder ({@link EncoderPredictor}).
 *
 * <p>Implementations are thread-safe: the web service calls them from many threads at once.
 */
public interface SentimentPredictor extends Scorer, AutoCloseable {

    String NEGATIVE = "negative";
    String NEUTRAL = "neutral";
    String POSITIVE = "positive";

    /** Loads and checks a model directory of either kind; throws {@link ArtifactException} naming what is wrong. */
    static SentimentPredictor load(Path dir) {
        ModelManifest manifest = ModelArtifact.readManifest(dir);
        return manifest.isEncoder() ? EncoderPredictor.load(dir, manifest) : CnnPredictor.load(dir, manifest);
    }

    @Override
    ModelManifest manifest();

    default List<String> labels() {
        return manifest().labels();
    }

    /** The units a text is cut into and that explanations score: tokens for the CNN, words for the encoder. */
    List<String> tokens(String text);

    /** The network's input ids for the tokens of a text (a subset of them, for explanations). */
    int[] toIds(List<String> tokens);

    /** Class probabilities for texts already turned into ids, one float[] per text in label order. */
    List<float[]> probabilities(List<int[]> ids);

    /**
     * How many texts the service may queue for this model: a queue holds what the model scores in
     * a few seconds, so that a full one answers 503 at once rather than letting requests time out.
     */
    default int maxQueuedTexts() {
        return Integer.MAX_VALUE;
    }

    /** One prediction per text, in the same order; null and empty texts get a prediction too. */
    default List<Prediction> predict(List<String> texts) {
        return toPredictions(probabilities(idsOf(texts)));
    }

    /** The network's input ids of each text: tokens, then ids. */
    default List<int[]> idsOf(List<String> texts) {
        List<int[]> ids = new ArrayList<>(texts.size());
        for (String text : texts) {
            ids.add(toIds(tokens(text)));
        }
        return ids;
    }

    /** One prediction per row of {@link #probabilities}. */
    default List<Prediction> toPredictions(List<float[]> probabilities) {
        List<Prediction> out = new ArrayList<>(probabilities.size());
        for (float[] p : probabilities) {
            out.add(toPrediction(p));
        }
        return out;
    }

    /** Scores on the caller's thread. */
    @Override
    default List<Prediction> score(List<String> texts) {
        return predict(texts);
    }

    default Prediction predict(String text) {
        return predict(List.of(text)).get(0);
    }

    /** The prediction for one row of {@link #probabilities}. */
    default Prediction toPrediction(float[] p) {
        List<String> labels = labels();
        int best = 0;
        Map<String, Double> probabilities = new LinkedHashMap<>();
        for (int c = 0; c < p.length; c++) {
            probabilities.put(labels.get(c), Math.round(p[c] * 10_000) / 10_000.0);
            if (p[c] > p[best]) {
                best = c;
            }
        }
        int positive = labels.indexOf(POSITIVE);
        int negative = labels.indexOf(NEGATIVE);
        double polarity = (positive >= 0 ? p[positive] : 0) - (negative >= 0 ? p[negative] : 0);
        return new Prediction(labels.get(best), Math.round(polarity * 10_000) / 10_000.0, probabilities);
    }

    @Override
    void close();
}
