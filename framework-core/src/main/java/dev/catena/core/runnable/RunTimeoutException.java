package dev.catena.core.runnable;

import java.time.Duration;

/** Thrown by a step wrapped with {@link Runnable#withTimeout} that took longer than its limit. */
public class RunTimeoutException extends RunException {
    private final Duration timeout;

    public RunTimeoutException(String step, Duration timeout) {
        super("Step '" + step + "' timed out after " + timeout.toMillis() + " ms");
        this.timeout = timeout;
    }

    public Duration timeout() {
        return timeout;
    }
}
