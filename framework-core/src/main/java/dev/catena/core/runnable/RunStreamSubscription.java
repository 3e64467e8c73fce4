package dev.catena.core.runnable;

import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One subscriber's reading of a {@link RunStream}: a drain loop on the executor that emits as many
 * chunks as were requested, one loop at a time (a work counter serialises the signals), and closes the
 * stream on completion, error or cancellation.
 */
final class RunStreamSubscription<T> implements Flow.Subscription, java.lang.Runnable {

    private final Flow.Subscriber<? super T> subscriber;
    private final Supplier<? extends RunStream<T>> source;
    private final Executor executor;
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger work = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile Throwable badRequest;
    private RunStream<T> stream;
    private boolean done;

    RunStreamSubscription(Flow.Subscriber<? super T> subscriber, Supplier<? extends RunStream<T>> source, Executor executor) {
        this.subscriber = subscriber;
        this.source = source;
        this.executor = executor;
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            badRequest = new IllegalArgumentException("request(" + n + "): the number of chunks requested must be positive (Reactive Streams rule 3.9)");
        } else {
            requested.getAndAccumulate(n, (current, add) -> current + add < 0 ? Long.MAX_VALUE : current + add);
        }
        schedule();
    }

    @Override
    public void cancel() {
        cancelled = true;
        schedule();
    }

    private void schedule() {
        if (work.getAndIncrement() == 0) executor.execute(this);
    }

    @Override
    public void run() {
        int missed = 1;
        while (!done) {
            if (cancelled) {
                finish();
                return;
            }
            if (badRequest != null) {
                fail(badRequest);
                return;
            }
            if (!emit(requested.get())) return;
            missed = work.addAndGet(-missed);
            if (missed == 0) return;
        }
    }

    /** Emits up to {@code demand} chunks; false when the subscription ended meanwhile. */
    private boolean emit(long demand) {
        long emitted = 0;
        while (emitted < demand) {
            if (cancelled) {
                finish();
                return false;
            }
            T chunk;
            try {
                if (stream == null) stream = source.get();
                if (!stream.hasNext()) {
                    finish();
                    subscriber.onComplete();
                    return false;
                }
                chunk = stream.next();
            } catch (RuntimeException e) {
                fail(e);
                return false;
            }
            subscriber.onNext(chunk);
            emitted++;
        }
        if (emitted > 0 && demand != Long.MAX_VALUE) requested.addAndGet(-emitted);
        return true;
    }

    private void fail(Throwable error) {
        finish();
        subscriber.onError(error);
    }

    private void finish() {
        done = true;
        if (stream != null) stream.close();
    }
}
