package dev.catena.llm.pull;

/** A model download failed: the server refused, the connection broke, or a checksum did not match. */
public class PullException extends RuntimeException {

    public PullException(String message) {
        super(message);
    }

    public PullException(String message, Throwable cause) {
        super(message, cause);
    }
}
