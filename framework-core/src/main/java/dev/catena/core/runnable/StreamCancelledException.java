package dev.catena.core.runnable;

/** Thrown when a stream is read after its consumer or producer cancelled it. */
public class StreamCancelledException extends RunException {
    public StreamCancelledException(String message, Throwable cause) {
        super(message, cause);
    }
}
