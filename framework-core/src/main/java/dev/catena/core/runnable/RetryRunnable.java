package dev.catena.core.runnable;

import java.time.Duration;

/** Retries a step according to a {@link RetryPolicy}, reporting each retry to the callbacks. */
final class RetryRunnable<I, O> implements Runnable<I, O> {
    private final Runnable<I, O> step;
    private final RetryPolicy policy;

    RetryRunnable(Runnable<I, O> step, RetryPolicy policy) {
        this.step = step;
        this.policy = policy;
    }

    @Override public String name() { return "Retry<" + step.name() + ">"; }

    @Override
    public O doInvoke(I input, RunContext run) {
        for (int attempt = 1; ; attempt++) {
            try {
                return step.invoke(input, run.child());
            } catch (RuntimeException e) {
                if (attempt >= policy.maxAttempts() || !policy.retryOn().test(e)) throw e;
                run.retry(attempt, e);
                sleep(policy.delayAfter(attempt));
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunException("Interrupted during retry backoff", e);
        }
    }
}
