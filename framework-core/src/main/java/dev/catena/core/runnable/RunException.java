package dev.catena.core.runnable;

/** A failure inside a run that is not itself a {@link RuntimeException} (checked causes are wrapped). */
public class RunException extends RuntimeException {
    public RunException(String message, Throwable cause) {
        super(message, cause);
    }

    public RunException(String message) {
        super(message);
    }
}
