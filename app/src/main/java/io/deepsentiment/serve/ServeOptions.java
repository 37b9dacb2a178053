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
        return builder(port, models).build();
    }

    /** Options by name, starting from {@link #defaults}. */
    public static Builder builder(int port, Map<String, Path> models) {
        return new Builder(port, models);
    }

    /** These options, to change some of them by name. */
    public Builder toBuilder() {
        Builder b = new Builder(port, models);
        b.maxBodyBytes = maxBodyBytes;
        b.maxTextChars = maxTextChars;
        b.maxTexts = maxTexts;
        b.maxExplainTexts = maxExplainTexts;
        b.maxBatch = maxBatch;
        b.maxWaitMillis = maxWaitMillis;
        b.queueCapacity = queueCapacity;
        b.workers = workers;
        b.rateLimit = rateLimit;
        b.rateBurst = rateBurst;
        b.corsOrigins = corsOrigins;
        b.trustedProxies = trustedProxies;
        b.streams = streams;
        b.http = http;
        b.host = host;
        return b;
    }

    public String defaultModel() {
        return models.keySet().iterator().next();
    }

    public ServeOptions withRateLimit(double perSecond, int burst) {
        return toBuilder().rateLimit(perSecond, burst).build();
    }

    public ServeOptions withQueueCapacity(int texts) {
        return toBuilder().queueCapacity(texts).build();
    }

    public ServeOptions withTrustedProxies(int count) {
        return toBuilder().trustedProxies(count).build();
    }

    public ServeOptions withStreamLimits(int total, int perClient) {
        return toBuilder().streams(new StreamLimits(total, perClient)).build();
    }

    public ServeOptions withHttpLimits(HttpLimits limits) {
        return toBuilder().http(limits).build();
    }

    public ServeOptions withHost(String address) {
        return toBuilder().host(address).build();
    }

    public ServeOptions withCors(List<String> origins) {
        return toBuilder().corsOrigins(origins).build();
    }

    /** Builds {@link ServeOptions} by name; every option starts at the default of {@code serve}. */
    public static final class Builder {
        private final int port;
        private final Map<String, Path> models;
        private int maxBodyBytes = 1 << 20;
        private int maxTextChars = 10_000;
        private int maxTexts = 512;
        private int maxExplainTexts = 64;
        private int maxBatch = 64;
        private int maxWaitMillis = 0;
        private int queueCapacity = 8192;
        private int workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        private double rateLimit = 100;
        private int rateBurst = 200;
        private List<String> corsOrigins = List.of();
        private int trustedProxies = 0;
        private StreamLimits streams = new StreamLimits(2000, 20);
        private HttpLimits http = HttpLimits.defaults();
        private String host = "127.0.0.1";

        private Builder(int port, Map<String, Path> models) {
            this.port = port;
            this.models = models;
        }

        public Builder maxBatch(int texts) {
            this.maxBatch = texts;
            return this;
        }

        public Builder maxWaitMillis(int millis) {
            this.maxWaitMillis = millis;
            return this;
        }

        public Builder queueCapacity(int texts) {
            this.queueCapacity = texts;
            return this;
        }

        public Builder workers(int threads) {
            this.workers = threads;
            return this;
        }

        public Builder rateLimit(double perSecond, int burst) {
            this.rateLimit = perSecond;
            this.rateBurst = burst;
            return this;
        }

        public Builder corsOrigins(List<String> origins) {
            this.corsOrigins = origins;
            return this;
        }

        public Builder trustedProxies(int count) {
            this.trustedProxies = count;
            return this;
        }

        public Builder streams(StreamLimits limits) {
            this.streams = limits;
            return this;
        }

        public Builder http(HttpLimits limits) {
            this.http = limits;
            return this;
        }

        public Builder host(String address) {
            this.host = address;
            return this;
        }

        public ServeOptions build() {
            return new ServeOptions(port, models, maxBodyBytes, maxTextChars, maxTexts, maxExplainTexts, maxBatch,
                    maxWaitMillis, queueCapacity, workers, rateLimit, rateBurst, corsOrigins, trustedProxies, streams,
                    http, host);
        }
    }
}
