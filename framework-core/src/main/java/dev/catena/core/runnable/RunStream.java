package dev.catena.core.runnable;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A pull-based stream of output chunks. Closing it before the end cancels the work that feeds it
 * (an HTTP stream, a local generation loop). Not thread-safe: one consumer reads it.
 *
 * @param <T> chunk type
 */
public interface RunStream<T> extends Iterator<T>, AutoCloseable {

    /** Stops the stream and cancels its producer; later {@link #hasNext()} calls return false. */
    @Override
    void close();

    /** Reads the rest of the stream into a list and closes it. */
    default List<T> toList() {
        List<T> out = new ArrayList<>();
        try (this) {
            while (hasNext()) out.add(next());
        }
        return out;
    }

    /** Reads the rest of the stream and merges its chunks with {@link Chunks#merge}. */
    @SuppressWarnings("unchecked")
    default T collect() {
        return (T) Chunks.merge(toList());
    }

    /** A Java {@link Stream} view; closing it closes this stream. */
    default Stream<T> asStream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED), false)
                .onClose(this::close);
    }

    /** A stream whose chunks are {@code fn} applied to this stream's chunks. */
    default <R> RunStream<R> map(Function<? super T, ? extends R> fn) {
        RunStream<T> source = this;
        return new RunStream<>() {
            @Override public boolean hasNext() { return source.hasNext(); }
            @Override public R next() { return fn.apply(source.next()); }
            @Override public void close() { source.close(); }
        };
    }

    /** A stream of the given chunks. */
    @SafeVarargs
    static <T> RunStream<T> of(T... chunks) {
        return fromIterator(List.of(chunks).iterator(), () -> {});
    }

    /** A stream over {@code iterator}; {@code onClose} runs once when the stream is closed. */
    static <T> RunStream<T> fromIterator(Iterator<? extends T> iterator, java.lang.Runnable onClose) {
        return new RunStream<>() {
            private boolean closed;

            @Override public boolean hasNext() {
                if (closed) return false;
                return iterator.hasNext();
            }

            @Override public T next() {
                if (!hasNext()) throw new NoSuchElementException();
                return iterator.next();
            }

            @Override public void close() {
                if (!closed) {
                    closed = true;
                    onClose.run();
                }
            }
        };
    }
}
