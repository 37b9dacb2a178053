package io.deepsentiment.serve;

/**
 * A request the service refuses, with the HTTP status and a stable machine-readable code; it becomes
 * {@code {"error": {"code": ..., "message": ...}}}.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final Integer retryAfterSeconds;

    public ApiException(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiException(int status, String code, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Seconds after which the client may try again (429 and 503), or null. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
