package io.deepsentiment.serve;

import io.deepsentiment.model.predict.SentimentPredictor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models the service serves. They load in the background, so the HTTP port opens at once and
 * {@code /readyz} can tell a load balancer when scoring is possible.
 */
final class ModelRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelRegistry.class);

    private final ServeOptions options;
    private final ServiceMetrics metrics;
    private final CompletableFuture<Map<String, ServedModel>> loading = new CompletableFuture<>();
    private volatile boolean closed;

    ModelRegistry(ServeOptions options, ServiceMetrics metrics) {
        this.options = options;
        this.metrics = metrics;
    }

    /** Starts loading every model on a background thread; failures complete {@link #loaded()} exceptionally. */
    CompletableFuture<Map<String, ServedModel>> startLoading() {
        Thread loader = new Thread(this::load, "model-loader");
        loader.setDaemon(true);
        loader.start();
        return loading;
    }

    private void load() {
        Map<String, ServedModel> models = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, Path> entry : options.models().entrySet()) {
                long start = System.nanoTime();
                SentimentPredictor predictor = SentimentPredictor.load(entry.getValue());
                BatchScorer scorer = new BatchScorer(entry.getKey(), predictor, options, metrics);
                models.put(entry.getKey(), new ServedModel(entry.getKey(), predictor, scorer));
                LOG.info("loaded model {} version {} from {} in {} ms", entry.getKey(),
                        predictor.manifest().version(), entry.getValue(), (System.nanoTime() - start) / 1_000_000);
            }
            if (closed) {
                // The service stopped while this thread loaded: nobody will close these later.
                models.values().forEach(ModelRegistry::closeQuietly);
                loading.completeExceptionally(new IllegalStateException("the service stopped while loading"));
                return;
            }
            loading.complete(Collections.unmodifiableMap(models));
        } catch (RuntimeException | Error e) {
            LOG.error("could not load the models: {}", e.getMessage());
            models.values().forEach(ModelRegistry::closeQuietly);
            loading.completeExceptionally(e);
        }
    }

    CompletableFuture<Map<String, ServedModel>> loaded() {
        return loading;
    }

    boolean ready() {
        return loading.isDone() && !loading.isCompletedExceptionally();
    }

    /** The model of that name; 503 while loading, 400 for an unknown name. */
    ServedModel get(String name) {
        if (loading.isCompletedExceptionally()) {
            throw new ApiException(503, "not_ready", "the models failed to load; see the service log", null);
        }
        if (!ready()) {
            throw new ApiException(503, "not_ready", "the models are still loading; try again shortly", 1);
        }
        Map<String, ServedModel> models = loading.join();
        ServedModel model = models.get(name == null ? options.defaultModel() : name);
        if (model == null) {
            throw ApiException.badRequest("unknown_model",
                    "unknown model \"" + name + "\"; available: " + String.join(", ", models.keySet()));
        }
        return model;
    }

    /** The loaded models in configuration order (empty while loading). */
    List<ServedModel> all() {
        return ready() ? new ArrayList<>(loading.join().values()) : List.of();
    }

    @Override
    public void close() {
        closed = true;
        if (ready()) {
            loading.join().values().forEach(ModelRegistry::closeQuietly);
        }
    }

    private static void closeQuietly(ServedModel model) {
        model.scorer().close();
        model.predictor().close();
    }
}
