package io.deepsentiment.serve;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the service runs: where it listens, which models it serves and the limits it enforces.
 *
 * @param port TCP port (0 picks a free one, for tests)
 * @param models model name -> artifact directory; the first one is the default model
 * @param maxBodyBytes largest request body accepted
 * @param maxTextChars longest text accepted, in characters (code points)
 * @param maxTexts most texts in one request
 * @param maxExplainTexts most texts in one request that asks for explanations (each costs one
 *     forward pass per token)
 * @param maxBatch most texts the scorer puts into one forward pass
 * @param maxWaitMillis how long the scorer waits for more requests to fill a batch
 * @param queueCapacity most texts waiting to be scored; beyond it requests get 503
 * @param workers scoring threads (one per core is best: each runs PyTorch on one thread)
 * @param rateLimit requests per second allowed per client (0 = no limit)
 * @param rateBurst requests a client may send at once before the rate applies
 * @param corsOrigins origins allowed to call the API from a browser (empty = CORS off)
 * @param trustedProxies how many load balancers in front of the service append to
 *     {@code X-Forwarded-For} (0: ignore the header); see {@link ClientAddress}
 * @param streams caps on open event streams ({@code /api/v1/analyses/{id}/events})
 * @param http Jetty's limits on connections, headers, threads and slow clients
 * @param host the address to listen on: all interfaces ({@code 0.0.0.0}, as platforms need), or
 *     {@code 127.0.0.1} behind a load balancer on the same machine
 */
public record ServeOptions(
        int port,
        Map<String, Path> models,
        int maxBodyBytes,
        int maxTextChars,
        int maxTexts,
        int maxExplainTexts,
        int maxBatch,
        int maxWaitMillis,
        int queueCapacity,
        int workers,
        double rateLimit,
        int rateBurst,
        List<String> corsOrigins,
        int trustedProxies,
        StreamLimits streams,
        HttpLimits http,
        String host) {

    /** Caps on open event streams: in all, and per client address. */
    public record StreamLimits(int total, int perClient) {
        public StreamLimits {
            if (total < 1 || perClient < 1) {
                throw new IllegalArgumentException("stream limits must be at least 1");
            }
        }
    }

    public static final int DEFAULT_PORT = 8080;

    public ServeOptions {
        models = Collections.unmodifiableMap(new LinkedHashMap<>(models));
        corsOrigins = List.copyOf(corsOrigins);
        if (models.isEmpty()) {
            throw new IllegalArgumentException("at least one model is needed");
        }
    }

    /**
     * The defaults of {@code serve}, with the given port and models, listening on 127.0.0.1 only
     * (an embedded server, a test); {@code serve} itself listens on all interfaces unless told otherwise.
     */
    public static ServeOptions defaults(int port, Map<String, Path> models) {
        return new ServeOptions(port, models, 1 << 20, 10_000, 512, 64, 64, 0, 8192,
                Math.max(1, Runtime.getRuntime().availableProcessors()), 100, 200, List.of(), 0, new StreamLimits(2000, 20), HttpLimits.defaults(),
                "127.0.0.1");
    }

    public String defaultModel() {
        return models.keySet().iterator().next();
    }

    public ServeOptions withRateLimit(double perSecond, int burst) {
        return new ServeOptions(port, models, maxBodyBytes, maxTextChars, maxTexts, maxExplainTexts, maxBatch,
                maxWaitMillis, queueCapacity, workers, perSecond, burst, corsOrigins, trustedProxies, streams, http, host);
    }

    public ServeOptions withQueueCapacity(int texts) {
        return new ServeOptions(port, models, maxBodyBytes, maxTextChars, maxTexts, maxExplainTexts, maxBatch,
                maxWaitMillis, texts, workers, rateLimit, rateBurst, corsOrigins, trustedProxies, streams, http, host);
    }

    public ServeOptions withTrustedProxies(int count) {
        return new ServeOptions(port, models, maxBodyBytes, maxTextChars, maxTexts, maxExplainTexts, maxBatch,
                maxWaitMillis, queueCapacity, workers, rateLimit, rateBurst, corsOrigins, count, streams, http, host);
    }

    public ServeOptions withStreamLimits(int total, int perClient) {
        return new ServeOptions(port, models, maxBodyBytes, maxTextChars, maxTexts, maxExplainTexts, maxBatch,
                maxWaitMillis, queueCapacity, workers, rateLimit, rateBurst, corsOrigins, trustedProxies,
                new StreamLimits(total, perClient), http, host);
    }

    public ServeOptions withHttpLimits(HttpLimits limits) {
        return new ServeOptions(port, models, maxBodyBytes, maxTextChars, maxTexts, maxExplainTexts, maxBatch,
                maxWaitMillis, queueCapacity, workers, rateLimit, rateBurst, corsOrigins, trustedProxies, streams,
                limits, host);
    }

    public ServeOptions withHost(String address) {
        return new ServeOptions(port, models, maxBodyBytes, maxTextChars, maxTexts, maxExplainTexts, maxBatch,
                maxWaitMillis, queueCapacity, workers, rateLimit, rateBurst, corsOrigins, trustedProxies, streams, http, address);
    }

    public ServeOptions withCors(List<String> origins) {
        return new ServeOptions(port, models, maxBodyBytes, maxTextChars, maxTexts, maxExplainTexts, maxBatch,
                maxWaitMillis, queueCapacity, workers, rateLimit, rateBurst, origins, trustedProxies, streams, http, host);
    }
}
