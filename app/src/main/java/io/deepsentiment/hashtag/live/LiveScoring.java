package io.deepsentiment.hashtag.live;

import io.deepsentiment.model.predict.Prediction;
import io.deepsentiment.model.predict.Scorer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores the feed's posts as they arrive: takes what is waiting (up to a batch), scores it in one
 * call, and stores each post under every followed hashtag it carries. The Jetstream cursor is saved
 * after the posts up to it are stored, so that a restart resumes without losing a minute.
 */
public final class LiveScoring implements AutoCloseable {

    static final int BATCH = 64;
    private static final Duration WAIT = Duration.ofMillis(200);
    private static final Logger LOG = LoggerFactory.getLogger(LiveScoring.class);

    private final LiveFeed feed;
    private final Supplier<Scorer> scorer;
    private final LiveStore store;
    private final Thread thread;
    private final AtomicLong scored = new AtomicLong();
    private final AtomicLong stored = new AtomicLong();
    private volatile boolean closed;

    /** @param scorer the model's scorer, asked for once per batch (it may be loading when scoring starts) */
    public LiveScoring(LiveFeed feed, Supplier<Scorer> scorer, LiveStore store) {
        this.feed = feed;
        this.scorer = scorer;
        this.store = store;
        this.thread = new Thread(this::run, "live-scoring");
        this.thread.setDaemon(true);
    }

    public LiveScoring start() {
        thread.start();
        return this;
    }

    /** Posts scored so far. */
    public long scored() {
        return scored.get();
    }

    /** Rows stored so far (a post under each followed hashtag it carries; replays not counted). */
    public long stored() {
        return stored.get();
    }

    private void run() {
        while (!closed) {
            try {
                long cursor = feed.cursor(); // every post up to here is queued, dropped or not followed
                List<LivePost> posts = feed.take(BATCH, WAIT);
                if (!posts.isEmpty()) {
                    score(posts);
                }
                if (feed.waiting() == 0 && cursor > 0) {
                    store.saveCursor(cursor);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // a failed batch is lost, not retried forever: the stream moves on
                LOG.warn("live scoring failed: {}", e.toString());
            }
        }
    }

    void score(List<LivePost> posts) {
        Scorer model = scorer.get();
        List<String> texts = new ArrayList<>(posts.size());
        for (LivePost post : posts) {
            texts.add(post.text());
        }
        List<Prediction> predictions = model.score(texts);
        Set<String> followed = feed.followed();
        List<ScoredLivePost> rows = new ArrayList<>();
        for (int i = 0; i < posts.size(); i++) {
            LivePost post = posts.get(i);
            Prediction prediction = predictions.get(i);
            for (String tag : post.tags()) {
                if (followed.contains(tag)) {
                    rows.add(new ScoredLivePost(tag, post, prediction.label(), prediction.polarity(),
                            model.manifest().name()));
                }
            }
        }
        scored.addAndGet(posts.size());
        stored.addAndGet(store.save(rows));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
