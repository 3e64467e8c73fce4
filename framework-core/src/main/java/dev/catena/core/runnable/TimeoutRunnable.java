package dev.catena.core.runnable;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Fails a step that takes longer than a limit; the slow call is interrupted. */
final class TimeoutRunnable<I, O> implements Runnable<I, O> {
    private final Runnable<I, O> step;
    private final Duration timeout;

    TimeoutRunnable(Runnable<I, O> step, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        this.step = step;
        this.timeout = timeout;
    }

    @Override public String name() { return "Timeout<" + step.name() + ">"; }

    @Override
    public O doInvoke(I input, RunContext run) {
        CompletableFuture<O> result = new CompletableFuture<>();
        Thread worker = Thread.ofVirtual().name("catena-timeout-" + step.name()).start(() -> {
            try {
                result.complete(step.invoke(input, run.child()));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();
            throw new RunTimeoutException(step.name(), timeout);
        } catch (ExecutionException e) {
            throw Runs.asRuntime(e.getCause());
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new RunException("Interrupted while waiting for " + step.name(), e);
        }
    }
}
