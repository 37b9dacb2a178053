package io.deepsentiment.hashtag.analysis;

import io.deepsentiment.hashtag.source.Post;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.source.SourceException;
import io.deepsentiment.hashtag.store.AnalysisStore;
import io.deepsentiment.hashtag.store.StoreException;
import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.SentimentPredictor;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hashtag analyses in a bounded background pool: fetch the posts, de-duplicate them, drop
 * empty ones, score them in batches, summarise, and keep every step in the {@link AnalysisStore}
 * so that any instance sharing the database can report on it and a restart loses nothing.
 */
public final class AnalysisService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisService.class);
    private static final int SCORING_CHUNK = 256;

    /** What {@link #submit} did: queued a new analysis, or reused a fresh or running one. */
    public record Submission(Analysis analysis, boolean reused) {}

    private final Map<String, PostSource> sources;
    private final AnalysisStore store;
    private final Function<String, CompletableFuture<SentimentPredictor>> models;
    private final Set<String> modelNames;
    private final String defaultModel;
    private final AnalysisOptions options;
    private final Clock clock;
    private final ThreadPoolExecutor pool;
    private final ScheduledExecutorService housekeeping;
    /** tag|source -> id of the analysis this instance is running or has queued. */
    private final Map<String, String> inFlight = new ConcurrentHashMap<>();

    public AnalysisService(Map<String, PostSource> sources, AnalysisStore store,
            Function<String, CompletableFuture<SentimentPredictor>> models, Set<String> modelNames, String defaultModel,
            AnalysisOptions options, Clock clock) {
        this.sources = Map.copyOf(sources);
        this.store = store;
        this.models = models;
        this.modelNames = Set.copyOf(modelNames);
        this.defaultModel = defaultModel;
        this.options = options;
        this.clock = clock;
        this.pool = new ThreadPoolExecutor(options.workers(), options.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(options.maxQueued()), runnable -> daemon(runnable, "analysis"));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "analysis-heartbeat"));
    }

    /** Marks analyses of dead instances failed now and then keeps this instance's analyses alive. */
    public void start() {
        sweep();
        long beat = options.heartbeat().toMillis();
        housekeeping.scheduleWithFixedDelay(this::heartbeatAndSweep, beat, beat, TimeUnit.MILLISECONDS);
    }

    public Set<String> sourceNames() {
        return sources.keySet();
    }

    public AnalysisOptions options() {
        return options;
    }

    /** The models an analysis may be scored with. */
    public Set<String> modelNames() {
        return modelNames;
    }

    /** The model of an analysis that names none. */
    public String defaultModel() {
        return defaultModel;
    }

    /**
     * Starts an analysis, or returns a fresh finished one (within {@link AnalysisOptions#freshFor()})
     * or the one this instance is already running for the same tag, source and model.
     *
     * @param hashtag a validated tag (letters, digits, underscore), any case, without '#'
     * @param model one of {@link #modelNames()}
     * @throws RejectedExecutionException when too many analyses are waiting
     */
    public Submission submit(String hashtag, String source, int limit, String model) {
        String tag = hashtag.toLowerCase(Locale.ROOT);
        if (!sources.containsKey(source)) {
            throw new IllegalArgumentException("unknown source " + source);
        }
        if (!modelNames.contains(model)) {
            throw new IllegalArgumentException("unknown model " + model);
        }
        Instant now = clock.instant();
        Optional<Analysis> fresh = store.findFresh(tag, source, model, now.minus(options.freshFor()));
        if (fresh.isPresent() && fresh.get().limit() >= limit) {
            return new Submission(fresh.get(), true);
        }
        String key = tag + "|" + source + "|" + model;
        String running = inFlight.get(key);
        if (running != null) {
            Optional<Analysis> current = store.find(running);
            if (current.isPresent() && !current.get().status().finished()) {
                return new Submission(current.get(), true);
            }
        }
        Analysis analysis = new Analysis(UUID.randomUUID().toString(), tag, source, limit, AnalysisStatus.QUEUED,
                0, 0, null, now, now, null, model, null, null);
        store.insert(analysis);
        try {
            inFlight.put(key, analysis.id());
            pool.execute(() -> run(analysis, key));
        } catch (RejectedExecutionException e) {
            inFlight.remove(key, analysis.id());
            store.update(analysis.failed("the service is busy with other analyses; try again later", clock.instant()));
            throw e;
        }
        return new Submission(analysis, false);
    }

    public Optional<Analysis> find(String id) {
        return store.find(id);
    }

    public List<Analysis> history(String hashtag, int max) {
        return store.history(hashtag.toLowerCase(Locale.ROOT), max);
    }

    private void run(Analysis queued, String key) {
        Analysis analysis = queued.withProgress(AnalysisStatus.RUNNING, 0, 0, clock.instant());
        try {
            store.update(analysis);
            Analysis[] progress = {analysis};
            List<Post> posts = sources.get(analysis.source()).fetch(analysis.hashtag(), analysis.limit(), fetched -> {
                progress[0] = progress[0].withProgress(AnalysisStatus.RUNNING, fetched, 0, clock.instant());
                store.update(progress[0]);
            });
            analysis = progress[0].withProgress(AnalysisStatus.RUNNING, posts.size(), 0, clock.instant());
            store.update(analysis);
            List<Post> distinct = distinctNonEmpty(posts);

            SentimentPredictor predictor = models.apply(analysis.modelName()).get(2, TimeUnit.MINUTES);
            List<ScoredPost> scored = new ArrayList<>(distinct.size());
            for (int start = 0; start < distinct.size(); start += SCORING_CHUNK) {
                List<Post> chunk = distinct.subList(start, Math.min(distinct.size(), start + SCORING_CHUNK));
                List<Prediction> predictions = predictor.predict(chunk.stream().map(Post::text).toList());
                for (int i = 0; i < chunk.size(); i++) {
                    Post post = chunk.get(i);
                    Prediction prediction = predictions.get(i);
                    scored.add(new ScoredPost(post.id(), post.text(), post.author(), post.url(), post.createdAt(),
                            prediction.label(), prediction.polarity()));
                }
                analysis = analysis.withProgress(AnalysisStatus.RUNNING, posts.size(), scored.size(), clock.instant());
                store.update(analysis);
            }
            AnalysisResult result = AnalysisSummary.of(scored, predictor.labels(), posts.size());
            store.update(analysis.done(result, analysis.modelName(), predictor.manifest().version(), clock.instant()));
        } catch (SourceException e) {
            fail(analysis, e.getMessage());
        } catch (StoreException e) {
            LOG.error("analysis {}: database write failed: {}", analysis.id(), e.getMessage());
            fail(analysis, "the result could not be saved: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(analysis, "the service stopped before the analysis finished");
        } catch (Exception e) {
            LOG.error("analysis {} failed", analysis.id(), e);
            fail(analysis, "the analysis failed: " + e);
        } finally {
            inFlight.remove(key, analysis.id());
        }
    }

    /** Posts with a text, each id and each text (ignoring case and spacing) once, in source order. */
    static List<Post> distinctNonEmpty(List<Post> posts) {
        Set<String> ids = new HashSet<>();
        Set<String> texts = new HashSet<>();
        List<Post> out = new ArrayList<>();
        for (Post post : posts) {
            String text = post.text() == null ? "" : post.text().strip();
            if (text.isEmpty()) {
                continue;
            }
            String normalized = text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
            if (ids.add(post.id()) && texts.add(normalized)) {
                out.add(post);
            }
        }
        return out;
    }

    private void fail(Analysis analysis, String reason) {
        try {
            store.update(analysis.failed(reason, clock.instant()));
        } catch (StoreException e) {
            // The sweep marks it failed once its heartbeat is stale; nothing else to do here.
            LOG.error("analysis {}: could not record its failure: {}", analysis.id(), e.getMessage());
        }
    }

    private void heartbeatAndSweep() {
        try {
            if (!inFlight.isEmpty()) {
                store.heartbeat(new ArrayList<>(inFlight.values()), clock.instant());
            }
            sweep();
        } catch (RuntimeException e) {
            LOG.warn("analysis heartbeat failed: {}", e.getMessage());
        }
    }

    private void sweep() {
        Instant now = clock.instant();
        int abandoned = store.failAbandoned(now.minus(options.staleAfter()),
                "the service instance running this analysis stopped before it finished", now);
        if (abandoned > 0) {
            LOG.info("marked {} abandoned analyses as failed", abandoned);
        }
    }

    /** Lets running analyses finish for a few seconds; whatever is left is marked failed. */
    @Override
    public void close() {
        housekeeping.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
                pool.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, String> left = new LinkedHashMap<>(inFlight);
        for (String id : left.values()) {
            store.find(id).filter(a -> !a.status().finished())
                    .ifPresent(a -> fail(a, "the service stopped before the analysis finished"));
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
