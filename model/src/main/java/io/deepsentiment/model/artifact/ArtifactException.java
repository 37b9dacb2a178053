package io.deepsentiment.model.artifact;

/** A model artifact is missing, corrupt or made for another version; the message says which. */
public class ArtifactException extends RuntimeException {

    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
