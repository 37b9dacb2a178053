package io.deepsentiment.hashtag.live;

import io.deepsentiment.model.predict.Scorer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view of the tracked hashtags: follows them on the Bluesky Jetstream, scores and stores
 * their posts as they come, and answers their per-minute counts. All instances together keep one
 * connection: the instance that holds the database lease opens it once there is a hashtag to
 * follow, renews the lease every {@code refresh}, and another instance takes over, from the cursor
 * stored last, once the lease lapses (three refreshes) or is given up. The followed hashtags are
 * read again every {@code refresh} and whenever {@link #refresh()} is called.
 */
public final class LiveService implements AutoCloseable {

    /** Posts waiting for scoring at most; beyond, they are dropped and counted. */
    static final int CAPACITY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(LiveService.class);

    private final URI endpoint;
    private final LiveStore store;
    private final Supplier<Set<String>> tracked;
    private final LiveFeed feed;
    private final LiveScoring scoring;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "live-follow");
        t.setDaemon(true);
        return t;
    });
    private final Duration refresh;
    private final String owner;
    private final Clock clock;
    private volatile JetstreamClient client;

    /**
     * @param endpoint the Jetstream's subscribe URL
     * @param scorer the model that scores live posts, asked for per batch
     * @param tracked the hashtags to follow (the trackers')
     * @param owner this instance's name in the connection's lease
     */
    public LiveService(URI endpoint, LiveStore store, Supplier<Scorer> scorer, Supplier<Set<String>> tracked,
            Duration refresh, String owner, Clock clock) {
        this.endpoint = endpoint;
        this.store = store;
        this.tracked = tracked;
        this.refresh = refresh;
        this.owner = owner;
        this.clock = clock;
        this.feed = new LiveFeed(CAPACITY, store.cursor());
        this.scoring = new LiveScoring(feed, scorer, store);
    }

    public LiveService start() {
        scoring.start();
        refresher.scheduleWithFixedDelay(this::refreshQuietly, 0, refresh.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Follows the tracked hashtags as they are now: with at least one, takes or renews the
     * connection's lease and opens the connection if this instance got it; closes it when the lease
     * went to another instance.
     */
    public synchronized void refresh() {
        Set<String> tags = tracked.get();
        feed.follow(tags);
        Instant now = clock.instant();
        boolean hold = !tags.isEmpty() && store.holdConnection(owner, now, now.plus(refresh.multipliedBy(3)));
        if (hold && client == null) {
            feed.resumeFrom(store.cursor()); // where the connection of another instance got to
            LOG.info("following {} hashtags live on {}", tags.size(), endpoint.getHost());
            client = new JetstreamClient(endpoint, feed::cursor, feed::accept, d -> Thread.sleep(d.toMillis())).start();
        } else if (!hold && client != null) {
            LOG.info("another instance follows the Jetstream now; closing this one's connection");
            client.close();
            client = null;
        }
    }

    /** Whether this instance holds the one Jetstream connection. */
    public boolean connects() {
        return client != null;
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("live view: could not read the tracked hashtags: {}", e.toString());
        }
    }

    public boolean follows(String hashtag) {
        return feed.followed().contains(hashtag.toLowerCase(java.util.Locale.ROOT));
    }

    /** The hashtag's minutes from {@code from} on, oldest first. */
    public List<LiveMinute> minutes(String hashtag, Instant from) {
        return store.minutes(hashtag, from);
    }

    /** Jetstream events read by this instance. */
    public long events() {
        return feed.events();
    }

    /** Posts with a followed hashtag. */
    public long matched() {
        return feed.matched();
    }

    public long scored() {
        return scoring.scored();
    }

    /** Matching posts dropped because scoring fell behind. */
    public long dropped() {
        return feed.dropped();
    }

    public int waiting() {
        return feed.waiting();
    }

    /** The connection and the counts of this instance, for the page. */
    public Map<String, Object> status() {
        JetstreamClient current = client;
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("connected", current != null && current.isConnected());
        status.put("connections", current == null ? 0 : current.connections());
        status.put("events", feed.events());
        status.put("matched", feed.matched());
        status.put("scored", scoring.scored());
        status.put("dropped", feed.dropped());
        status.put("waiting", feed.waiting());
        return status;
    }

    @Override
    public synchronized void close() {
        refresher.shutdownNow();
        JetstreamClient current = client;
        if (current != null) {
            current.close();
            client = null;
            try {
                store.releaseConnection(owner);
            } catch (RuntimeException e) {
                LOG.warn("could not give the Jetstream lease up: {}", e.toString());
            }
        }
        scoring.close();
    }
}
