package io.deepsentiment.spark;

/** A job that cannot start (a missing column, a corrupt model, an output in the way): one clear sentence. */
final class ScoreJobException extends RuntimeException {

    ScoreJobException(String message) {
        super(message);
    }

    ScoreJobException(String message, Throwable cause) {
        super(message, cause);
    }
}
