package dev.catena.llm.batch;

import dev.catena.llm.model.GenerationResult;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A request submitted to a {@link BatchScheduler}: its result to come, and a way to cancel it (a client that
 * disconnects), which frees its slot at the next step and ends it with {@code CANCELLED}.
 */
public final class GenerationHandle {

    private final CompletableFuture<GenerationResult> result = new CompletableFuture<>();
    private volatile boolean cancelled;
    private final Runnable wake;

    GenerationHandle(Runnable wake) {
        this.wake = wake;
    }

    /** Completes with the result, or exceptionally with what ended this request alone. */
    public CompletableFuture<GenerationResult> result() {
        return result;
    }

    /** Asks the scheduler to stop this request at its next step; its result then holds the text so far. */
    public void cancel() {
        cancelled = true;
        wake.run();
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /**
     * Waits for the result. When the waiting thread is interrupted the request is cancelled, and its (cancelled)
     * result still returned, the thread's interrupt status set again.
     *
     * @throws RuntimeException what ended the request, as thrown by the scheduler
     */
    public GenerationResult await() {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                    cancel();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    if (e.getCause() instanceof Error err) {
                        throw err;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
