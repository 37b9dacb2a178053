package io.deepsentiment.hashtag.source;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/** Where posts for a hashtag come from (X, Mastodon, ...): one implementation per service. */
public interface PostSource {

    /** The name users choose the source by, such as {@code x} or {@code mastodon}. */
    String name();

    /**
     * The most recent posts carrying the hashtag, newest first, at most {@code limit}, following the
     * source's pagination as far as needed.
     *
     * @param hashtag the tag without '#', already validated (letters, digits, underscore)
     * @param limit how many posts to fetch at most (1..1000)
     * @param fetchedSoFar told the number of posts fetched after every page, for progress reports
     * @throws SourceException naming what went wrong (bad token, rate limit with reset time, ...)
     */
    List<Post> fetch(String hashtag, int limit, IntConsumer fetchedSoFar);

    /**
     * As {@link #fetch(String, int, IntConsumer)}, telling {@code notes}, in a sentence fit for the
     * user, why a result holds fewer posts than it could (a server that refused, an allowance spent).
     */
    default List<Post> fetch(String hashtag, int limit, IntConsumer fetchedSoFar, Consumer<String> notes) {
        return fetch(hashtag, limit, fetchedSoFar);
    }

    /** The most posts one analysis may ask of this source (a paid source's cap may be lower than the API's). */
    default int maxPostsPerAnalysis() {
        return Integer.MAX_VALUE;
    }
}
