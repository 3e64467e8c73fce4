package dev.catena.quarkus.runtime;

import dev.catena.core.runnable.RunStream;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;

import java.util.function.Supplier;

/**
 * Catena's pull-based {@link RunStream} as a Mutiny {@link Multi}, the type Quarkus REST streams
 * as server-sent events: the stream is opened per subscription and read on a worker thread (reading
 * blocks while the model generates); cancelling the subscription closes it, which cancels the
 * generation.
 */
public final class CatenaStreams {

    private CatenaStreams() {}

    /** A {@code Multi} that opens {@code stream} (e.g. {@code () -> chain.stream(input)}) for each subscriber. */
    public static <T> Multi<T> multi(Supplier<? extends RunStream<T>> stream) {
        return Multi.createFrom().<RunStream<T>, T>resource(stream::get, s -> Multi.createFrom().iterable(() -> s))
                .withFinalizer((java.util.function.Consumer<RunStream<T>>) RunStream::close)
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}
