package io.deepsentiment.hashtag.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Between the Jetstream and scoring: keeps the posts that carry a followed hashtag in a bounded
 * queue. The Jetstream's thread only parses and offers, never waits: when scoring falls behind and
 * the queue is full, a post is dropped and counted, so memory stays flat and the connection is
 * never held up.
 */
public final class LiveFeed {

    private final BlockingQueue<LivePost> queue;
    private final Set<String> followed = ConcurrentHashMap.newKeySet();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong unreadable = new AtomicLong();
    private final AtomicLong matched = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong cursor = new AtomicLong();

    /**
     * @param capacity posts waiting for scoring at most
     * @param resumeFrom the cursor of the last event handled before (0: none)
     */
    public LiveFeed(int capacity, long resumeFrom) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.cursor.set(resumeFrom);
    }

    /** Follows these hashtags (without '#', any case) instead of the ones before. */
    public void follow(Set<String> hashtags) {
        Set<String> wanted = new java.util.HashSet<>();
        for (String tag : hashtags) {
            wanted.add(tag.toLowerCase(Locale.ROOT));
        }
        followed.retainAll(wanted);
        followed.addAll(wanted);
    }

    public Set<String> followed() {
        return Set.copyOf(followed);
    }

    /** One Jetstream message (on the connection's thread). */
    public void accept(String message) {
        events.incrementAndGet();
        Optional<JetstreamEvents.Event> event = JetstreamEvents.read(message);
        if (event.isEmpty()) {
            unreadable.incrementAndGet();
            return;
        }
        cursor.accumulateAndGet(event.get().timeUs(), Math::max);
        Optional<LivePost> post = event.get().post();
        if (post.isEmpty() || followed.isEmpty() || post.get().tags().stream().noneMatch(followed::contains)) {
            return;
        }
        matched.incrementAndGet();
        if (!queue.offer(post.get())) {
            dropped.incrementAndGet();
        }
    }

    /** Waits up to {@code wait} for a post, then takes what is waiting, at most {@code max}. */
    public List<LivePost> take(int max, Duration wait) throws InterruptedException {
        List<LivePost> batch = new ArrayList<>();
        LivePost first = queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        if (first != null) {
            batch.add(first);
            queue.drainTo(batch, max - 1);
        }
        return batch;
    }

    /** Moves the cursor forward to {@code timeUs} (where another instance's connection got to). */
    public void resumeFrom(long timeUs) {
        cursor.accumulateAndGet(timeUs, Math::max);
    }

    /** The newest {@code time_us} seen: where a new connection resumes. */
    public long cursor() {
        return cursor.get();
    }

    public long events() {
        return events.get();
    }

    public long unreadable() {
        return unreadable.get();
    }

    /** Posts that carried a followed hashtag. */
    public long matched() {
        return matched.get();
    }

    /** Matching posts dropped because scoring was behind. */
    public long dropped() {
        return dropped.get();
    }

    public int waiting() {
        return queue.size();
    }
}
