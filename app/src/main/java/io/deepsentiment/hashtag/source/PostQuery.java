package io.deepsentiment.hashtag.source;

import java.time.Instant;

/**
 * What to fetch.
 *
 * @param hashtag the tag without '#', already validated (letters, digits, underscore)
 * @param limit how many posts to fetch at most (1..1000)
 * @param since only posts published after this (a tracker's newest post of its last run); null for no bound
 */
public record PostQuery(String hashtag, int limit, Instant since) {

    /** Whether a post published at {@code createdAt} (null: unknown, kept) is new enough. */
    public boolean wants(Instant createdAt) {
        return since == null || createdAt == null || createdAt.isAfter(since);
    }
}
