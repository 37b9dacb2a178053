package io.deepsentiment.hashtag.live;

import io.deepsentiment.hashtag.source.BlueskySearchSource;
import java.time.Instant;
import java.util.Set;

/**
 * A new Bluesky post as the Jetstream delivers it.
 *
 * @param uri its AT URI, {@code at://{did}/app.bsky.feed.post/{rkey}}: the same post always has the same one
 * @param did its author's DID
 * @param text its text
 * @param tags its hashtags, lower-cased, without '#'
 * @param langs the languages its author declared (may be empty)
 * @param createdAt when the author's client says it was written
 * @param timeUs when the Jetstream saw it, microseconds since the epoch: the cursor to resume from
 */
public record LivePost(String uri, String did, String text, Set<String> tags, Set<String> langs, Instant createdAt,
        long timeUs) {

    public LivePost {
        tags = Set.copyOf(tags);
        langs = Set.copyOf(langs);
    }

    /** The post on bsky.app. */
    public String webUrl() {
        return BlueskySearchSource.webUrl(uri, did);
    }

    /** The minute the Jetstream saw it in (UTC), which the live chart counts it in. */
    public Instant minute() {
        long millis = timeUs / 1000;
        return Instant.ofEpochMilli(millis - Math.floorMod(millis, 60_000L));
    }
}
