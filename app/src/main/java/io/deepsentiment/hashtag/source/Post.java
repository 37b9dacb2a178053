package io.deepsentiment.hashtag.source;

import java.time.Instant;

/**
 * One public post fetched from a source, as plain text.
 *
 * @param id the source's id of the post (unique within the source)
 * @param text plain text (HTML already converted), may be empty
 * @param author the author's handle, such as {@code @alice} or {@code @alice@mastodon.social}
 * @param url a link that opens the original post
 * @param createdAt when the post was published
 */
public record Post(String id, String text, String author, String url, Instant createdAt) {}
