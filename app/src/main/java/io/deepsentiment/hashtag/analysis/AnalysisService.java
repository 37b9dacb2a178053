package io.deepsentiment.hashtag.analysis;

import io.deepsentiment.hashtag.source.Post;
import io.deepsentiment.hashtag.source.PostSource;
import io.deepsentiment.hashtag.source.PostQuery;
import io.deepsentiment.hashtag.source.SourceException;
import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.Scorer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hashtag analyses: fetch the posts, de-duplicate them, drop empty ones, score them in
 * batches, summarise, and keep every step in the {@link AnalysisStore}.
 *
 * <p>The store is the queue. A submission only stores a queued analysis; the workers of every
 * instance sharing the database claim queued analyses with a lease, renew it while they work, and
 * write only while they hold it. An analysis whose instance died (killed, machine lost) is claimed
 * again by any instance once its lease expires and run there from the start, so it is neither lost
 * nor finished twice; one interrupted {@link AnalysisOptions#maxAttempts()} times is marked failed.
 */
public final class AnalysisService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AnalysisService.class);
    private static final int SCORING_CHUNK = 256;

    /** What {@link #submit} did: queued a new analysis, or reused a fresh, queued or running one. */
    public record Submission(Analysis analysis, boolean reused) {}

    /** The lease of an analysis went to another instance: this one stops working on it, writing nothing. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost(String id) {
            super("the lease of analysis " + id + " was taken over", null, false, false);
        }
    }

    private final Map<String, PostSource> sources;
    private final AnalysisStore store;
    private final Function<String, CompletableFuture<Scorer>> models;
    private final Set<String> modelNames;
    private final String defaultModel;
    private final AnalysisOptions options;
    private final Clock clock;
    private final String instance;
    private final ExecutorService workers;
    private final ScheduledExecutorService housekeeping;
    /** Analyses this instance holds the lease of. */
    private final Set<String> held = ConcurrentHashMap.newKeySet();
    /** Ids whose lease renewal found them taken over; their worker stops at its next write. */
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    /** Released once per submission to this instance, so that an idle worker claims it at once. */
    private final Semaphore wake = new Semaphore(0);
    private volatile boolean stopping;

    public AnalysisService(Map<String, PostSource> sources, AnalysisStore store,
            Function<String, CompletableFuture<Scorer>> models, Set<String> modelNames, String defaultModel,
            AnalysisOptions options, Clock clock) {
        this.sources = Map.copyOf(sources);
        this.store = store;
        this.models = models;
        this.modelNames = Set.copyOf(modelNames);
        this.defaultModel = defaultModel;
        this.options = options;
        this.clock = clock;
        this.instance = instanceName();
        this.workers = Executors.newFixedThreadPool(options.workers(), runnable -> daemon(runnable, "analysis"));
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable, "analysis-lease"));
    }

    /** Starts the workers, which take queued analyses (this instance's and others'), and the lease renewal. */
    public void start() {
        LOG.info("analysis workers of instance {}: {} (lease {} s)", instance, options.workers(),
                options.lease().toSeconds());
        for (int i = 0; i < options.workers(); i++) {
            workers.execute(this::work);
        }
        long beat = options.heartbeat().toMillis();
        housekeeping.scheduleWithFixedDelay(this::renewLeases, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** This instance's name in the leases it takes: host, process and a random part (a restart is another instance). */
    public String instance() {
        return instance;
    }

    public Set<String> sourceNames() {
        return sources.keySet();
    }

    /** The most posts one analysis may ask of the source (a paid source's cap may be below the API's). */
    public int maxPostsPerAnalysis(String source) {
        return Math.min(options.maxLimit(), sources.get(source).maxPostsPerAnalysis());
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
     * Queues an analysis, or returns a fresh finished one (within {@link AnalysisOptions#freshFor()})
     * or the one queued or running, on any instance, for the same tag, source and model.
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
        if (store.countQueued() >= options.maxQueued()) {
            throw new RejectedExecutionException(options.maxQueued() + " analyses are waiting already");
        }
        Analysis queued = Analysis.queued(UUID.randomUUID().toString(), tag, source, limit, model, now, null, null);
        Analysis stored = store.enqueue(queued);
        boolean reused = !stored.id().equals(queued.id());
        if (!reused) {
            wake.release();
        }
        return new Submission(stored, reused);
    }

    /** Every post a finished analysis scored, in the order it fetched them. */
    public List<ScoredPost> posts(String id) {
        return store.posts(id);
    }

    /** A tracker's finished runs, oldest first, the newest {@code max}. */
    public List<Analysis> historyOfTracker(String trackerId, int max) {
        return store.historyOfTracker(trackerId, max);
    }

    /** Wakes the workers to look for queued analyses now instead of at their next poll. */
    public void wake() {
        wake.release();
    }

    public Optional<Analysis> find(String id) {
        return store.find(id);
    }

    public List<Analysis> history(String hashtag, int max) {
        return store.history(hashtag.toLowerCase(Locale.ROOT), max);
    }

    /** A worker: claims queued analyses (or ones whose instance died) and runs them, until the service stops. */
    private void work() {
        while (!stopping) {
            Optional<Analysis> claimed;
            try {
                Instant now = clock.instant();
                claimed = store.claim(instance, now, now.plus(options.lease()), options.maxAttempts());
            } catch (StoreException e) {
                LOG.warn("claiming an analysis failed: {}", e.getMessage());
                claimed = Optional.empty();
            }
            if (claimed.isPresent()) {
                run(claimed.get());
                continue;
            }
            try {
                wake.tryAcquire(options.poll().toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void run(Analysis claimed) {
        String id = claimed.id();
        held.add(id);
        Analysis analysis = claimed;
        try {
            Analysis[] progress = {analysis};
            List<String> notes = new ArrayList<>();
            PostQuery query = new PostQuery(analysis.hashtag(), analysis.limit(), analysis.since());
            List<Post> posts = sources.get(analysis.source()).fetch(query, fetched -> {
                progress[0] = progress[0].withProgress(AnalysisStatus.RUNNING, fetched, 0, clock.instant());
                write(progress[0]);
            }, notes::add);
            analysis = progress[0].withProgress(AnalysisStatus.RUNNING, posts.size(), 0, clock.instant());
            write(analysis);
            List<Post> distinct = distinctNonEmpty(posts);

            Scorer scorer = models.apply(analysis.modelName()).get(2, TimeUnit.MINUTES);
            List<ScoredPost> scored = new ArrayList<>(distinct.size());
            for (int start = 0; start < distinct.size(); start += SCORING_CHUNK) {
                List<Post> chunk = distinct.subList(start, Math.min(distinct.size(), start + SCORING_CHUNK));
                List<Prediction> predictions = scorer.score(chunk.stream().map(Post::text).toList());
                for (int i = 0; i < chunk.size(); i++) {
                    Post post = chunk.get(i);
                    Prediction prediction = predictions.get(i);
                    scored.add(new ScoredPost(post.id(), post.text(), post.author(), post.url(), post.createdAt(),
                            prediction.label(), prediction.polarity()));
                }
                analysis = analysis.withProgress(AnalysisStatus.RUNNING, posts.size(), scored.size(), clock.instant());
                write(analysis);
            }
            AnalysisResult result = AnalysisSummary.of(scored, scorer.manifest().labels(), posts.size(), notes);
            finish(analysis.done(result, analysis.modelName(), scorer.manifest().version(), clock.instant()), scored);
        } catch (LeaseLost e) {
            LOG.info("analysis {}: another instance took it over after this one's lease expired", id);
        } catch (InterruptedException e) {
            // The service is stopping: close() puts the analysis back in the queue.
            Thread.currentThread().interrupt();
        } catch (SourceException e) {
            fail(analysis, e.getMessage());
        } catch (StoreException e) {
            LOG.error("analysis {}: database write failed: {}", id, e.getMessage(), e);
            fail(analysis, "the result could not be saved in the database; the service log has the details"
                    + " (analysis " + id + ")");
        } catch (Exception e) {
            // Users get a sentence; the log gets the exception.
            LOG.error("analysis {} failed", id, e);
            fail(analysis, "the analysis failed because of an error in the service; the service log has the details"
                    + " (analysis " + id + ")");
        } finally {
            held.remove(id);
            lost.remove(id);
        }
    }

    /** Writes the finished analysis and its posts, if this instance still holds its lease. */
    private void finish(Analysis done, List<ScoredPost> posts) {
        if (lost.contains(done.id()) || !store.finish(done, posts, instance)) {
            throw new LeaseLost(done.id());
        }
    }

    /** Writes the new state of an analysis this instance runs, if it still holds its lease. */
    private void write(Analysis analysis) {
        if (lost.contains(analysis.id()) || !store.update(analysis, instance)) {
            throw new LeaseLost(analysis.id());
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
        if (stopping) {
            return; // interrupted by the shutdown, not failed: close() puts it back in the queue
        }
        try {
            if (!store.update(analysis.failed(reason, clock.instant()), instance)) {
                LOG.info("analysis {}: another instance took it over before its failure was recorded", analysis.id());
            }
        } catch (StoreException e) {
            // Its lease expires and another attempt runs it; nothing else to do here.
            LOG.error("analysis {}: could not record its failure: {}", analysis.id(), e.getMessage());
        }
    }

    /** Extends the leases of this instance's analyses, and gives up on analyses interrupted too often. */
    private void renewLeases() {
        try {
            Instant now = clock.instant();
            if (!held.isEmpty()) {
                Set<String> gone = store.renew(new HashSet<>(held), instance, now, now.plus(options.lease()));
                lost.addAll(gone);
            }
            int exhausted = store.failExhausted(now, options.maxAttempts(), "the analysis was interrupted "
                    + options.maxAttempts() + " times (the service instances running it stopped); run it again");
            if (exhausted > 0) {
                LOG.warn("marked {} analyses failed after {} interrupted attempts", exhausted, options.maxAttempts());
            }
        } catch (RuntimeException e) {
            LOG.warn("renewing analysis leases failed: {}", e.getMessage());
        }
    }

    /**
     * Lets running analyses finish for a few seconds; whatever is left goes back to the queue,
     * for another instance (or this one, restarted) to run.
     */
    @Override
    public void close() {
        stopping = true;
        wake.release(options.workers());
        housekeeping.shutdownNow();
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
                workers.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Set<String> left = new HashSet<>(held);
        if (!left.isEmpty()) {
            try {
                store.release(left, instance, clock.instant());
                LOG.info("put {} unfinished analyses back in the queue", left.size());
            } catch (StoreException e) {
                LOG.warn("could not put {} unfinished analyses back in the queue ({}); their leases expire",
                        left.size(), e.getMessage());
            }
        }
    }

    private static String instanceName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "host";
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
