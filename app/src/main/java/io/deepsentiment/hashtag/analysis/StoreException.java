package io.deepsentiment.hashtag.analysis;

/** The database failed (connection, constraint, migration); the message names the operation. */
public final class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
