package io.deepsentiment.train.data;

/**
 * A problem with the input data that stops loading it: a missing file, an unknown label set,
 * an unreadable archive or a bad dataset spec.
 *
 * <p>The command line prints only the message, so the message alone must tell the user what is
 * wrong and, where possible, what would be accepted. Single malformed rows are not errors: readers
 * skip and count them in a {@link ReadSummary}.
 */
public class DataException extends RuntimeException {

    /** Creates the exception with a message meant for the end user. */
    public DataException(String message) {
        super(message);
    }

    /** Creates the exception with a message meant for the end user and the underlying cause. */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
