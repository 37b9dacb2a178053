package io.deepsentiment.hashtag.source;

import java.time.Instant;

/** A source could not deliver posts; the message is fit to show to the user (never holds a token). */
public final class SourceException extends RuntimeException {

    /** Why a source failed. */
    public enum Reason {
        /** 401/403 or no token configured: the operator must check the token. */
        UNAUTHORIZED,
        /** 429: the source asked us to wait until {@link #retryAt()}. */
        RATE_LIMITED,
        /** Timeouts, connection errors and 5xx that persisted after the bounded retries. */
        UNAVAILABLE,
        /** The source answered with something that is not what its API documents. */
        MALFORMED,
        /** The request is not allowed, such as an instance that is not configured. */
        REJECTED,
        /**
         * A spending limit: the operator's own (X_MAX_POSTS_PER_DAY) or the source's usage cap or
         * spent credits. Waiting minutes does not help, so it is never retried.
         */
        QUOTA
    }

    private final Reason reason;
    private final Instant retryAt;

    public SourceException(Reason reason, String message) {
        this(reason, message, null, null);
    }

    public SourceException(Reason reason, String message, Instant retryAt, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.retryAt = retryAt;
    }

    public Reason reason() {
        return reason;
    }

    /** When the source allows the next request (for {@link Reason#RATE_LIMITED}), or null. */
    public Instant retryAt() {
        return retryAt;
    }
}
