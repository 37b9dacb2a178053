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
     * The posts of a query, newest first: as {@link #fetch(String, int, IntConsumer)}, but only those
     * published after {@code query.since()}, and telling {@code notes}, in a sentence fit for the user,
     * why the result holds fewer posts than it could (a server that refused, an allowance spent).
     * Sources that can ask their API for newer posts only, or stop paging at them, override it.
     */
    default List<Post> fetch(PostQuery query, IntConsumer fetchedSoFar, Consumer<String> notes) {
        return fetch(query.hashtag(), query.limit(), fetchedSoFar).stream()
                .filter(post -> query.wants(post.createdAt())).toList();
    }

    /** Whether the operator configured what the source needs; one that is not refuses every fetch. */
    default boolean isEnabled() {
        return true;
    }

    /** What the operator sets to turn the source on, or to know about it (costs, limits), in a sentence. */
    default String setup() {
        return "";
    }

    /** The most posts one analysis may ask of this source (a paid source's cap may be lower than the API's). */
    default int maxPostsPerAnalysis() {
        return Integer.MAX_VALUE;
    }
}
