package io.deepsentiment.cli;

import io.deepsentiment.model.artifact.ModelLocation;
import io.deepsentiment.hashtag.analysis.AnalysisOptions;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.source.PostSources;
import io.deepsentiment.hashtag.store.DatabaseConfig;
import io.deepsentiment.hashtag.store.JdbcAnalysisStore;
import io.deepsentiment.model.predict.EncoderPredictor;
import io.deepsentiment.serve.HashtagBackend;
import io.deepsentiment.serve.ServeOptions;
import io.deepsentiment.serve.SentimentServer;
import io.deepsentiment.hashtag.live.JetstreamClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the web service until the process is stopped (SIGTERM lets requests in flight finish). */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve the web page and the JSON API on PORT (environment), --port, or 8080.")
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--host", defaultValue = "0.0.0.0",
            description = "address to listen on: 0.0.0.0 for all interfaces, 127.0.0.1 behind a local load balancer"
                    + " (default: ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", description = "TCP port (default: the PORT environment variable, else 8080)")
    Integer port;

    @Option(names = "--models", split = ",", defaultValue = "tweets-accurate,tweets,reviews",
            description = "models to serve, the first is the default: bundled names or NAME=DIR (default: ${DEFAULT-VALUE})")
    List<String> models;

    @Option(names = "--workers", description = "scoring threads, one PyTorch thread each (default: one per core)")
    Integer workers;

    @Option(names = "--max-batch", defaultValue = "64", description = "most texts per forward pass (default: ${DEFAULT-VALUE})")
    int maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "0",
            description = "how long a batch waits for more requests (default: ${DEFAULT-VALUE} ms: under load the "
                    + "queue fills batches by itself; waiting only added latency in scripts/load-test.sh)")
    int maxWaitMillis;

    @Option(names = "--queue-capacity", defaultValue = "8192",
            description = "texts that may wait for scoring before requests get 503 (default: ${DEFAULT-VALUE})")
    int queueCapacity;

    @Option(names = "--rate-limit", defaultValue = "100",
            description = "requests per second per client, 0 for none (default: ${DEFAULT-VALUE})")
    double rateLimit;

    @Option(names = "--rate-burst", defaultValue = "200",
            description = "requests a client may send at once (default: ${DEFAULT-VALUE})")
    int rateBurst;

    @Option(names = "--cors-origin", split = ",",
            description = "origins allowed to call the API from browsers, e.g. https://example.org (default: none)")
    List<String> corsOrigins = List.of();

    @Option(names = "--trust-proxy", arity = "0..1", defaultValue = "0", fallbackValue = "1", paramLabel = "N",
            description = "behind N load balancers (default with the option: 1): the client address is the one the"
                    + " outermost appended to X-Forwarded-For; entries the client wrote are ignored")
    int trustProxy;

    @Option(names = "--db-file", defaultValue = "data/deepsentiment.db",
            description = "SQLite file for hashtag analyses when DATABASE_URL is not set (default: ${DEFAULT-VALUE})")
    Path dbFile;

    @Option(names = "--fresh-minutes", defaultValue = "10",
            description = "reuse an analysis of the same hashtag and source this recent (default: ${DEFAULT-VALUE})")
    int freshMinutes;

    @Option(names = "--analysis-workers", defaultValue = "2",
            description = "hashtag analyses running at once (default: ${DEFAULT-VALUE})")
    int analysisWorkers;

    @Option(names = "--analysis-lease", defaultValue = "30",
            description = "seconds an instance holds a hashtag analysis between renewals; when an instance dies, another"
                    + " one resumes its analyses this long after (default: ${DEFAULT-VALUE})")
    int analysisLeaseSeconds;

    @Option(names = "--no-live", description = "no live view: do not follow the tracked hashtags on the Bluesky Jetstream"
            + " (its address: the BLUESKY_JETSTREAM_URL environment variable, default the public Jetstream)")
    boolean noLive;

    @Override
    public Integer call() throws Exception {
        // The launcher keeps other commands quiet; a service should log its start and every request.
        System.setProperty("org.slf4j.simpleLogger.log.access", "info");
        System.setProperty("org.slf4j.simpleLogger.log.io.deepsentiment", "info");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        System.setProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
        ServeOptions defaults = ServeOptions.defaults(resolvePort(), modelDirs());
        int scoringThreads = workers != null ? workers : defaults.workers();
        // Each scoring thread runs PyTorch single-threaded, whatever --workers says: on 2 cores,
        // one scoring thread with 2 OpenMP threads served 290 single-tweet requests/s against
        // 1,740/s for two scoring threads of one OpenMP thread each (the CNN's batches are small).
        // ONNX Runtime (tweets-accurate, larger work per text) gets the cores shared out: each
        // model's scoring threads together use as many threads as there are cores.
        int cores = Runtime.getRuntime().availableProcessors();
        String perThread = Integer.toString(Math.max(1, cores / scoringThreads));
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
        }
        if (System.getProperty(EncoderPredictor.THREADS_PROPERTY) == null) {
            System.setProperty(EncoderPredictor.THREADS_PROPERTY, perThread);
        }
        ServeOptions options = defaults.toBuilder().maxBatch(maxBatch).maxWaitMillis(maxWaitMillis)
                .queueCapacity(queueCapacity).workers(scoringThreads).rateLimit(rateLimit, rateBurst)
                .corsOrigins(corsOrigins).trustedProxies(trustProxy).host(host).build();
        SentimentServer server = SentimentServer.start(options, hashtagBackend());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "shutdown"));
        try {
            server.modelsLoaded().get();
        } catch (ExecutionException e) {
            System.err.println("error: " + e.getCause().getMessage());
            server.close();
            return 2;
        }
        System.err.println("deepsentiment is ready on http://localhost:" + server.port() + "/");
        stopped.await();
        return 0;
    }

    /**
     * Sources and database from the environment: X_BEARER_TOKEN, X_API_URL, MASTODON_INSTANCE, BLUESKY_HANDLE, ...
     * (see {@link PostSources.Config#fromEnv}) and DATABASE_URL (PostgreSQL; else the SQLite file).
     * Mastodon comes first, so it is the default: it needs no token.
     */
    private HashtagBackend hashtagBackend() {
        PostSources.Config config = PostSources.Config.fromEnv(System.getenv());
        JdbcAnalysisStore store = JdbcAnalysisStore.open(DatabaseConfig.fromEnvironment(System.getenv(), dbFile));
        PostSources sources = PostSources.create(config, store.postBudget());
        Map<String, PostSource> byName = new LinkedHashMap<>();
        byName.put("mastodon", sources.get("mastodon"));
        byName.put("x", sources.get("x"));
        byName.put("bluesky", sources.get("bluesky"));
        AnalysisOptions options = AnalysisOptions.defaults().withWorkers(analysisWorkers)
                .withFreshFor(Duration.ofMinutes(freshMinutes)).withLease(Duration.ofSeconds(analysisLeaseSeconds));
        return HashtagBackend.of(byName, store, options, noLive ? null : jetstream(System.getenv()));
    }

    /** BLUESKY_JETSTREAM_URL, else the public Jetstream. */
    static URI jetstream(Map<String, String> env) {
        String url = env.get("BLUESKY_JETSTREAM_URL");
        if (url == null || url.isBlank()) {
            return JetstreamClient.DEFAULT_ENDPOINT;
        }
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getHost() == null || !("wss".equals(uri.getScheme()) || "ws".equals(uri.getScheme()))) {
            throw new IllegalArgumentException("BLUESKY_JETSTREAM_URL must be a ws(s) URL such as "
                    + JetstreamClient.DEFAULT_ENDPOINT + ", not '" + url + "'");
        }
        return uri;
    }

    private int resolvePort() {
        if (port != null) {
            return port;
        }
        String env = System.getenv("PORT");
        if (env == null || env.isBlank()) {
            return ServeOptions.DEFAULT_PORT;
        }
        try {
            return Integer.parseInt(env.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("PORT must be a number, not \"" + env + "\"");
        }
    }

    private Map<String, Path> modelDirs() {
        Map<String, Path> dirs = new LinkedHashMap<>();
        for (String entry : models) {
            int eq = entry.indexOf('=');
            String name = eq < 0 ? entry.trim() : entry.substring(0, eq).trim();
            Path dir = ModelLocation.resolve(eq < 0 ? name : entry.substring(eq + 1).trim());
            if (name.isEmpty()) {
                throw new IllegalArgumentException("--models: empty model name in \"" + entry + "\"");
            }
            dirs.put(name, dir);
        }
        return dirs;
    }
}
