package io.deepsentiment.serve;

import io.deepsentiment.model.artifact.ModelManifest;
import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.SentimentPredictor;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The JSON API: {@code POST /api/v1/sentiment} and {@code GET /api/v1/models}. */
final class SentimentApi {

    /** A request waiting longer than this for its batch is answered 503 rather than held forever. */
    private static final long SCORING_TIMEOUT_SECONDS = 30;

    private final ServeOptions options;
    private final ModelRegistry models;

    SentimentApi(ServeOptions options, ModelRegistry models) {
        this.options = options;
        this.models = models;
    }

    void sentiment(Context ctx) {
        SentimentRequest request = SentimentRequest.parse(JsonBody.bytes(ctx, options.maxBodyBytes()), options);
        ServedModel model = models.get(request.model());
        SentimentPredictor predictor = model.predictor();
        if (request.explain() && (!predictor.labels().contains(SentimentPredictor.POSITIVE)
                || !predictor.labels().contains(SentimentPredictor.NEGATIVE))) {
            throw ApiException.badRequest("explain_unsupported", "model \"" + model.name()
                    + "\" has no positive and negative labels to explain");
        }

        List<int[]> rows = new ArrayList<>();
        List<List<String>> tokens = new ArrayList<>();
        for (String text : request.texts()) {
            List<String> textTokens = predictor.tokens(text);
            if (request.explain()) {
                List<String> explained = Occlusion.explainable(predictor, textTokens);
                rows.addAll(Occlusion.variants(explained, predictor::toIds));
                tokens.add(explained);
            } else {
                rows.add(predictor.toIds(textTokens));
            }
        }
        if (request.explain() && rows.size() > model.scorer().capacity()) {
            // Each token of an explained text is one more row to score; past the queue's capacity
            // such a request would hold the scorers for seconds while other clients wait.
            throw new ApiException(413, "too_many_tokens", "explaining these texts takes " + rows.size()
                    + " scoring rows (one per token); the limit of model " + model.name() + " is "
                    + model.scorer().capacity() + ": send fewer or shorter texts");
        }
        List<float[]> probabilities = await(model.scorer().submit(rows));

        List<SentimentResult> results = new ArrayList<>(request.texts().size());
        int row = 0;
        for (int i = 0; i < request.texts().size(); i++) {
            Prediction prediction = predictor.toPrediction(probabilities.get(row));
            List<TokenContribution> contributions = null;
            if (request.explain()) {
                List<String> textTokens = tokens.get(i);
                contributions = Occlusion.contributions(textTokens,
                        probabilities.subList(row, row + textTokens.size() + 1),
                        predictor.labels().indexOf(SentimentPredictor.POSITIVE),
                        predictor.labels().indexOf(SentimentPredictor.NEGATIVE));
                row += textTokens.size() + 1;
            } else {
                row++;
            }
            results.add(new SentimentResult(prediction.label(), prediction.polarity(), prediction.probabilities(),
                    request.truncated().get(i), contributions));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> modelInfo = new LinkedHashMap<>();
        modelInfo.put("name", model.name());
        modelInfo.put("version", predictor.manifest().version());
        body.put("model", modelInfo);
        body.put("results", results);
        ctx.json(body);
    }

    void models(Context ctx) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServedModel model : models.all()) {
            ModelManifest manifest = model.predictor().manifest();
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", model.name());
            entry.put("version", manifest.version());
            entry.put("createdAt", manifest.createdAt());
            entry.put("labels", manifest.labels());
            entry.put("metrics", manifest.metrics() == null ? Map.of() : manifest.metrics());
            list.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("default", options.defaultModel());
        body.put("ready", models.ready());
        body.put("models", list);
        ctx.json(body);
    }

    private static List<float[]> await(CompletableFuture<List<float[]>> scores) {
        try {
            return scores.get(SCORING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            scores.cancel(false);
            throw new ApiException(503, "timeout", "scoring took longer than " + SCORING_TIMEOUT_SECONDS
                    + " seconds; try again shortly", 1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(503, "shutting_down", "the service is shutting down", 1);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ApiException api) {
                throw api;
            }
            throw new IllegalStateException("scoring failed: " + e.getCause(), e.getCause());
        }
    }
}
