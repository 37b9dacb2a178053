package io.deepsentiment.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.deepsentiment.hashtag.analysis.AnalysisService;
import io.deepsentiment.hashtag.live.LiveService;
import io.deepsentiment.hashtag.tracker.TrackerScheduler;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.time.Clock;
import io.javalin.Javalin;
import org.eclipse.jetty.server.ConnectionLimit;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP service: the page, the JSON API and the operations routes, on Javalin (Jetty).
 *
 * <p>The port opens at once; the models load in the background and {@code /readyz} turns 200 when
 * they are ready. Stopping lets requests in flight finish before the scorers and models close.
 */
public final class SentimentServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SentimentServer.class);
    private static final Logger ACCESS = LoggerFactory.getLogger("access");
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    /** Set on a request once an error was answered, so that the 404 handler leaves that answer alone. */
    private static final String ERROR_ANSWERED = "deepsentiment.errorAnswered";
    /** How often each instance looks for due trackers. */
    private static final java.time.Duration TRACKER_POLL = java.time.Duration.ofSeconds(5);
    /**
     * How often the live view reads the tracked hashtags again (also at once when a tracker changes)
     * and renews its connection's lease, which lapses after three of these.
     */
    private static final java.time.Duration LIVE_REFRESH = java.time.Duration.ofSeconds(10);
    private static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final ServeOptions options;
    private final ServiceMetrics metrics = new ServiceMetrics();
    private final ModelRegistry models;
    private final ClientRateLimiter rateLimiter;
    private final StreamCaps streamCaps;
    private final SentimentApi api;
    private final HashtagBackend hashtags;
    private final AnalysisService analyses;
    private final TrackerScheduler scheduler;
    private final LiveService live;
    private final Javalin app;
    private HashtagApi hashtagApi;
    private LiveApi liveApi;

    private SentimentServer(ServeOptions options, HashtagBackend hashtags) {
        this.options = options;
        this.models = new ModelRegistry(options, metrics);
        this.rateLimiter = new ClientRateLimiter(options.rateLimit(), options.rateBurst());
        this.streamCaps = new StreamCaps(options.streams().total(), options.streams().perClient());
        this.api = new SentimentApi(options, models);
        this.hashtags = hashtags;
        this.analyses = hashtags == null ? null : new AnalysisService(hashtags.sources(), hashtags.store(),
                name -> models.loaded().thenApply(loaded -> new QueuedScorer(loaded.get(name))),
                options.models().keySet(), options.defaultModel(), hashtags.options(), Clock.systemUTC());
        this.scheduler = hashtags == null ? null : new TrackerScheduler(hashtags.trackers(), hashtags.store(),
                Clock.systemUTC(), TRACKER_POLL, analyses::wake);
        this.live = hashtags == null || hashtags.jetstream() == null ? null : new LiveService(hashtags.jetstream(),
                hashtags.live(), () -> new QueuedScorer(models.loaded().join().get(options.defaultModel())),
                this::trackedHashtags, LIVE_REFRESH, analyses.instance(), Clock.systemUTC());
        if (live != null) {
            metrics.live(live);
        }
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = options.maxBodyBytes();
            config.jsonMapper(new JavalinJackson(JSON, false));
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });
            HttpLimits limits = options.http();
            config.jetty.threadPool = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()),
                    60_000);
            config.jetty.modifyHttpConfiguration(http -> {
                http.setRequestHeaderSize(limits.maxHeaderBytes());
                http.setMinRequestDataRate(limits.minRequestBytesPerSecond());
                http.setIdleTimeout(limits.idleTimeout().toMillis());
                http.setSendServerVersion(false);
            });
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(options.host());
                connector.setPort(options.port());
                connector.setIdleTimeout(limits.idleTimeout().toMillis());
                return connector;
            });
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(15_000);
                server.addBean(new ConnectionLimit(limits.maxConnections(), server));
            });
            config.requestLogger.http(this::logRequest);
            if (!options.corsOrigins().isEmpty()) {
                config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                    options.corsOrigins().forEach(origin -> rule.allowHost(origin));
                }));
            }
        });
        routes();
    }

    /** The service without hashtag analyses (their routes answer 404). */
    public static SentimentServer start(ServeOptions options) {
        return start(options, null);
    }

    /**
     * Opens the port and starts loading the models; {@link #modelsLoaded()} completes when they are
     * ready. With a hashtag backend, analyses left unfinished by a dead instance are marked failed first.
     */
    public static SentimentServer start(ServeOptions options, HashtagBackend hashtags) {
        SentimentServer server = new SentimentServer(options, hashtags);
        if (server.analyses != null) {
            server.analyses.start();
            server.scheduler.start();
        }
        if (server.live != null) {
            server.live.start();
        }
        server.app.start(); // on the connector configured above: host, port and limits
        server.models.startLoading();
        LOG.info("listening on port {}", server.port());
        return server;
    }

    public int port() {
        return app.port();
    }

    public CompletableFuture<?> modelsLoaded() {
        return models.loaded();
    }

    private void routes() {
        app.before(ctx -> metrics.requestStarted());
        app.before(this::securityHeaders);
        app.before("/api/*", this::rateLimit);
        app.get("/healthz", ctx -> ctx.json(Map.of("status", "ok", "version", ServiceVersion.get())));
        app.get("/readyz", this::readiness);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json")
                .result(SentimentServer.class.getResourceAsStream("/openapi.json")));
        app.post("/api/v1/sentiment", api::sentiment);
        app.get("/api/v1/models", api::models);
        if (analyses != null) {
            hashtagApi = new HashtagApi(analyses, options, hashtags.defaultSource(), JSON, streamCaps);
            app.post("/api/v1/analyses", hashtagApi::start);
            app.get("/api/v1/analyses/{id}", hashtagApi::get);
            app.before("/api/v1/analyses/{id}/events", hashtagApi::admitStream);
            app.sse("/api/v1/analyses/{id}/events", hashtagApi::events);
            app.get("/api/v1/hashtags/{tag}/history", hashtagApi::history);
            app.get("/api/v1/analyses/{id}/posts", hashtagApi::posts);
            app.get("/api/v1/sources", this::sources);
            TrackerApi trackers = new TrackerApi(hashtags.trackers(), analyses, options, hashtags.defaultSource(),
                    Clock.systemUTC(), () -> {
                        if (live != null) {
                            live.refresh();
                        }
                    });
            app.post("/api/v1/trackers", trackers::create);
            app.get("/api/v1/trackers", trackers::list);
            app.get("/api/v1/trackers/{id}", trackers::get);
            app.delete("/api/v1/trackers/{id}", trackers::delete);
            liveApi = new LiveApi(hashtags.live(), live, JSON, streamCaps, Clock.systemUTC(), options);
            app.get("/api/v1/live/{tag}", liveApi::get);
            app.before("/api/v1/live/{tag}/events", liveApi::admitStream);
            app.sse("/api/v1/live/{tag}/events", liveApi::events);
        }
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e));
        app.exception(HttpResponseException.class, (e, ctx) -> error(ctx, fromJavalin(e, ctx)));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("unexpected error on {} {}", ctx.method(), ctx.path(), e);
            error(ctx, new ApiException(500, "internal_error", "the service failed to answer; the error was logged"));
        });
        app.error(404, ctx -> {
            // a 404 no handler answered (an unknown path), not one that did, such as an unknown analysis
            if (ctx.attribute(ERROR_ANSWERED) == null) {
                error(ctx, noRoute(ctx));
            }
        });
        app.error(405, ctx -> error(ctx, new ApiException(405, "method_not_allowed",
                ctx.method() + " is not allowed on " + ctx.path())));
    }

    /** The sources users may choose, whether each is on, and what the operator sets to turn it on. */
    private void sources(Context ctx) {
        List<Map<String, Object>> details = hashtags.sources().entrySet().stream().map(e -> {
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("name", e.getKey());
            source.put("enabled", e.getValue().isEnabled());
            source.put("setup", e.getValue().setup());
            return source;
        }).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("default", hashtags.defaultSource());
        body.put("sources", List.copyOf(hashtags.sources().keySet()));
        body.put("details", details);
        body.put("live", live != null);
        ctx.json(body);
    }

    /** The hashtags of the trackers: what the live view follows. */
    private java.util.Set<String> trackedHashtags() {
        java.util.Set<String> tags = new java.util.TreeSet<>();
        hashtags.trackers().list().forEach(tracker -> tags.add(tracker.hashtag()));
        return tags;
    }

    private void readiness(Context ctx) {
        CompletableFuture<?> loaded = models.loaded();
        Map<String, Object> body = new LinkedHashMap<>();
        if (models.ready()) {
            body.put("status", "ready");
            body.put("models", models.all().stream().map(ServedModel::name).toList());
            ctx.json(body);
            return;
        }
        body.put("status", loaded.isCompletedExceptionally() ? "failed" : "loading");
        ctx.status(503).json(body);
    }

    private void securityHeaders(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private void rateLimit(Context ctx) {
        long retryAfter = rateLimiter.acquire(clientAddress(ctx));
        if (retryAfter > 0) {
            metrics.rateLimited();
            throw new ApiException(429, "rate_limited", "too many requests from this client; at most "
                    + options.rateLimit() + " per second", (int) retryAfter);
        }
    }

    private String clientAddress(Context ctx) {
        return ClientAddress.of(ctx, options.trustedProxies());
    }

    private ApiException fromJavalin(HttpResponseException e, Context ctx) {
        if (e.getStatus() == 413) {
            return JsonBody.tooLarge(options.maxBodyBytes());
        }
        if (e.getStatus() == 404) {
            // Outside /api/ Javalin answers an unknown path with this exception: the same answer as under /api/.
            return noRoute(ctx);
        }
        return new ApiException(e.getStatus(), "http_" + e.getStatus(), e.getMessage());
    }

    private static ApiException noRoute(Context ctx) {
        return new ApiException(404, "not_found", "no route " + ctx.method() + " " + ctx.path());
    }

    private void error(Context ctx, ApiException e) {
        ctx.attribute(ERROR_ANSWERED, true);
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        ctx.status(e.status()).json(Map.of("error", Map.of("code", e.code(), "message", e.getMessage())));
    }

    private void logRequest(Context ctx, Float millis) {
        // No endpoint ran for 404s, static files, preflights and requests refused by a before-handler;
        // Javalin then throws from endpointHandlerPath(), which turned those answers into 500s.
        String route = ctx.handlerType() == HandlerType.BEFORE ? null : ctx.endpointHandlerPath();
        if (route == null && ctx.path().startsWith("/api/")) {
            route = "/api/*";
        }
        if (route == null || route.isEmpty() || "*".equals(route)) {
            route = ctx.status().getCode() == 404 ? "unmatched" : "static";
        }
        int status = ctx.status().getCode();
        metrics.request(ctx.method().name(), route, status, (long) (millis * 1_000_000));
        if (ACCESS.isInfoEnabled()) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("method", ctx.method().name());
            line.put("path", ctx.path());
            line.put("route", route);
            line.put("status", status);
            line.put("ms", Math.round(millis * 100) / 100.0);
            line.put("client", clientAddress(ctx));
            line.put("userAgent", ctx.userAgent());
            try {
                ACCESS.info(JSON.writeValueAsString(line));
            } catch (Exception e) {
                ACCESS.info("{\"path\":\"unloggable\"}");
            }
        }
    }

    /** Stops taking connections, lets requests in flight finish, then closes the scorers and models. */
    @Override
    public void close() {
        if (hashtagApi != null) {
            hashtagApi.close();
        }
        if (liveApi != null) {
            liveApi.close();
        }
        if (live != null) {
            live.close();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        try {
            app.stop();
        } catch (RuntimeException e) {
            // Jetty reports a graceful stop that outlived its 15 s (a client keeping an idle
            // connection open, say) after it has stopped anyway: the rest must still be closed.
            LOG.warn("the HTTP server took longer than its stop timeout to stop: {}", e.toString());
        }
        if (analyses != null) {
            analyses.close();
            hashtags.store().close();
        }
        models.close();
        metrics.close();
    }

    /** Every HTTP route, as "METHOD /path" (Javalin's path syntax, which is OpenAPI's): for the API document's test. */
    List<String> routeList() {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(e -> e.getEndpoint().getMethod() + " " + e.getEndpoint().getPath())
                .toList();
    }

    List<ServedModel> servedModels() {
        return models.all();
    }
}
