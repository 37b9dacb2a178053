package io.deepsentiment.hashtag.analysis;

import java.time.Instant;

/** A post with its sentiment, as listed among the most positive and most negative posts. */
public record ScoredPost(
        String id, String text, String author, String url, Instant createdAt, String label, double polarity) {}
