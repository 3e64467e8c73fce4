package dev.catena.core.runnable;

import java.util.NoSuchElementException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A {@link RunStream} fed by a producer on another thread (for example a streaming HTTP response):
 * the producer calls {@link #emit}, then {@link #complete} or {@link #fail}; it checks
 * {@link #isCancelled()} to stop early when the consumer closed the stream.
 *
 * @param <T> chunk type
 */
public final class PushStream<T> implements RunStream<T> {

    private static final Object END = new Object();

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final java.lang.Runnable onCancel;
    private volatile boolean cancelled;
    private Object lookahead;
    private boolean finished;

    /** A stream that runs {@code onCancel} when the consumer closes it early. */
    public PushStream(java.lang.Runnable onCancel) {
        this.onCancel = onCancel;
    }

    public PushStream() {
        this(() -> {});
    }

    /** Adds one chunk. Ignored after cancellation. */
    public void emit(T chunk) {
        if (!cancelled) queue.add(new Item(chunk));
    }

    /** Ends the stream normally. */
    public void complete() {
        queue.add(END);
    }

    /** Ends the stream with an error, rethrown to the consumer by {@link #hasNext()}. */
    public void fail(Throwable error) {
        queue.add(new Failure(error));
    }

    /** True once the consumer has closed the stream. */
    public boolean isCancelled() {
        return cancelled;
    }

    @Override
    public boolean hasNext() {
        if (finished || cancelled) return false;
        if (lookahead != null) return true;
        Object o;
        try {
            o = queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new StreamCancelledException("Interrupted while waiting for the next chunk", e);
        }
        if (o == END) {
            finished = true;
            return false;
        }
        if (o instanceof Failure(Throwable error)) {
            finished = true;
            if (error instanceof RuntimeException re) throw re;
            if (error instanceof Error err) throw err;
            throw new RunException("Stream failed: " + error.getMessage(), error);
        }
        lookahead = o;
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T next() {
        if (!hasNext()) throw new NoSuchElementException();
        Item item = (Item) lookahead;
        lookahead = null;
        return (T) item.value();
    }

    @Override
    public void close() {
        if (!cancelled && !finished) {
            cancelled = true;
            onCancel.run();
        }
        cancelled = true;
    }

    private record Item(Object value) {}

    private record Failure(Throwable error) {}
}
