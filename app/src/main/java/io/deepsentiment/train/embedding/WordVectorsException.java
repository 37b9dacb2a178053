package io.deepsentiment.train.embedding;

/**
 * A word vectors file could not be read or written: it is missing, truncated or malformed.
 *
 * <p>The message is meant for the user: it names the file and, where it helps, the line or word
 * at fault.
 */
public class WordVectorsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a user-facing message.
     *
     * @param message what went wrong, naming the file
     */
    public WordVectorsException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a user-facing message and the I/O error behind it.
     *
     * @param message what went wrong, naming the file
     * @param cause the underlying error
     */
    public WordVectorsException(String message, Throwable cause) {
        super(message, cause);
    }
}
