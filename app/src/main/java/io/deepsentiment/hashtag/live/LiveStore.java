package io.deepsentiment.hashtag.live;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** Where live posts are kept: shared by every instance, so any of them can show a hashtag's minutes. */
public interface LiveStore {

    /** Stores the posts not stored before (a post replayed after a reconnect is kept once); returns how many were new. */
    int save(Collection<ScoredLivePost> posts);

    /** The hashtag's minutes from {@code from} on, oldest first; minutes without posts are left out. */
    List<LiveMinute> minutes(String hashtag, Instant from);

    /** The Jetstream cursor saved last, 0 if none. */
    long cursor();

    void saveCursor(long timeUs);

    /**
     * Takes or renews the lease on the one Jetstream connection of all instances: true when
     * {@code owner} holds it until {@code until} (it held it, or the lease had lapsed at {@code now}),
     * false when another instance holds it.
     */
    boolean holdConnection(String owner, Instant now, Instant until);

    /** Gives the lease up (an instance stopping), so that another takes over at once. */
    void releaseConnection(String owner);
}
