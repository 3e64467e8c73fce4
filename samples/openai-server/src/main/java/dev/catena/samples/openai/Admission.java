package dev.catena.samples.openai;

import dev.catena.llm.batch.SchedulerOverloadedException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.concurrent.Semaphore;

/**
 * Back-pressure: at most {@code openai-server.max-concurrent-requests} generations run at once; one more is refused
 * at once with 429 and {@code Retry-After: openai-server.retry-after-seconds}, never queued without bound.
 * {@link #refusal} is where a runtime that refuses admission itself (a scheduler whose slots and queue are full)
 * is turned into the same 429.
 */
@ApplicationScoped
public class Admission {

    private final Semaphore running;
    private final int retryAfterSeconds;
    private final int limit;

    @Inject
    public Admission(@ConfigProperty(name = "openai-server.max-concurrent-requests", defaultValue = "64") int limit,
                     @ConfigProperty(name = "openai-server.retry-after-seconds", defaultValue = "1") int retryAfterSeconds) {
        if (limit < 1) throw new IllegalArgumentException("openai-server.max-concurrent-requests must be at least 1, got " + limit);
        this.limit = limit;
        this.running = new Semaphore(limit);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A place for one generation, to be closed when it ends; 429 when all are taken. */
    Permit enter() {
        if (!running.tryAcquire()) {
            throw OpenAiErrors.overloaded("The server is busy: " + limit + " requests are running. Retry after "
                    + retryAfterSeconds + " s.", retryAfterSeconds);
        }
        return new Permit(running);
    }

    /**
     * The 429 for a runtime's own refusal to admit a request (the local model's scheduler with every slot busy and
     * its queue full), or {@code null} when {@code failure} is not one; {@link Failures} walks the cause chain.
     */
    OpenAiErrors.ApiError refusal(Throwable failure) {
        if (!(failure instanceof SchedulerOverloadedException busy)) return null;
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, busy.retryAfter().toSeconds()));
        String message = busy.getMessage();
        return OpenAiErrors.overloaded(Character.toUpperCase(message.charAt(0)) + message.substring(1) + ".", seconds);
    }

    /** A taken place; {@link #close} gives it back (once). */
    static final class Permit implements AutoCloseable {
        private Semaphore semaphore;

        private Permit(Semaphore semaphore) {
            this.semaphore = semaphore;
        }

        @Override
        public synchronized void close() {
            if (semaphore != null) semaphore.release();
            semaphore = null;
        }
    }
}
