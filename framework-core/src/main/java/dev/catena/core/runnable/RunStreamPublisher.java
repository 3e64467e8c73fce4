package dev.catena.core.runnable;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Flow;
import java.util.function.Supplier;

/**
 * A {@link RunStream} as a {@link Flow.Publisher}, for reactive code outside Quarkus (JDK
 * {@code Flow}, and through its adapters Reactor or RxJava): each subscriber opens its own stream,
 * which is read on {@code executor} (reading blocks while the model generates) only as far as the
 * subscriber has requested; cancelling closes the stream, which cancels the generation.
 *
 * @param <T> chunk type
 */
public final class RunStreamPublisher<T> implements Flow.Publisher<T> {

    private final Supplier<? extends RunStream<T>> source;
    private final Executor executor;

    private RunStreamPublisher(Supplier<? extends RunStream<T>> source, Executor executor) {
        this.source = Objects.requireNonNull(source, "source");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    /** A publisher that opens {@code source} (e.g. {@code () -> chain.stream(input)}) per subscriber and reads it on {@code executor}. */
    public static <T> Flow.Publisher<T> of(Supplier<? extends RunStream<T>> source, Executor executor) {
        return new RunStreamPublisher<>(source, executor);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        subscriber.onSubscribe(new RunStreamSubscription<>(subscriber, source, executor));
    }
}
