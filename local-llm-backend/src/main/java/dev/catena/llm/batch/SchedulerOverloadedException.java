package dev.catena.llm.batch;

import java.time.Duration;

/**
 * A request refused at once because every slot is busy and the queue is full; a server answers it with HTTP 429
 * and a {@code Retry-After} of {@link #retryAfter()}.
 */
public final class SchedulerOverloadedException extends RuntimeException {

    private final Duration retryAfter;

    SchedulerOverloadedException(int slots, int queueCapacity, Duration retryAfter) {
        super("the local model is busy: all " + slots + " slots are decoding and " + queueCapacity
                + " requests are queued; retry after " + Math.max(1, retryAfter.toSeconds()) + " s");
        this.retryAfter = retryAfter;
    }

    /** When a slot is likely to be free: an estimate from the recent request durations, at least one second. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
