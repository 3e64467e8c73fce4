package dev.catena.core.runnable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A unit of work that turns an input into an output and composes with others (LCEL-style).
 *
 * <p>Implementations write one method, {@link #doInvoke}; the interface supplies invocation with
 * run ids and callbacks, streaming, batching, async and composition. Steps that can produce output
 * incrementally (models, parsers) also override {@link #doStream} and/or {@link #doTransform}.
 *
 * @param <I> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface Runnable<I, O> {

    /** Computes the output for one input inside a run; {@code run} gives ids, callbacks and the child config. */
    O doInvoke(I input, RunContext run);

    /**
     * Streams the output for one input. The default emits the single result of {@link #doInvoke}.
     * Chunks follow {@link Chunks#merge}: string chunks are deltas, other chunks are successive snapshots.
     */
    default RunStream<O> doStream(I input, RunContext run) {
        return RunStream.of(doInvoke(input, run));
    }

    /**
     * Streams output while the input is still arriving. The default waits for the whole input
     * (merged with {@link Chunks#merge}) and then calls {@link #doStream}.
     */
    @SuppressWarnings("unchecked")
    default RunStream<O> doTransform(RunStream<I> input, RunContext run) {
        List<I> chunks;
        try (input) {
            chunks = input.toList();
        }
        return doStream((I) Chunks.merge(chunks), run);
    }

    /** A human-readable name used in traces; defaults to the class's simple name. */
    default String name() {
        String simple = getClass().getSimpleName();
        return simple.isEmpty() || simple.contains("$$Lambda") || simple.contains("$Lambda") ? "Lambda" : simple;
    }

    // ---- invocation ----------------------------------------------------------------------------

    /** Runs this step with the given config, reporting start, end and error to its callbacks. */
    default O invoke(I input, RunConfig config) {
        return Runs.invoke(this, input, config);
    }

    /** Runs this step with the default config. */
    default O invoke(I input) {
        return invoke(input, RunConfig.defaults());
    }

    /** Streams this step's output; close the stream to cancel. */
    default RunStream<O> stream(I input, RunConfig config) {
        return Runs.stream(this, input, config);
    }

    /** Streams this step's output with the default config. */
    default RunStream<O> stream(I input) {
        return stream(input, RunConfig.defaults());
    }

    /** Streams this step's output for a streamed input. */
    default RunStream<O> transform(RunStream<I> input, RunConfig config) {
        return Runs.transform(this, input, config);
    }

    /** Runs this step on a virtual thread. */
    default CompletableFuture<O> invokeAsync(I input, RunConfig config) {
        return Runs.invokeAsync(this, input, config);
    }

    /** Runs this step on a virtual thread with the default config. */
    default CompletableFuture<O> invokeAsync(I input) {
        return invokeAsync(input, RunConfig.defaults());
    }

    /**
     * Runs this step over many inputs concurrently, at most {@link RunConfig#maxConcurrency()} at a
     * time, and returns the outputs in input order. The first failure is thrown after all finish.
     */
    default List<O> batch(List<? extends I> inputs, RunConfig config) {
        return Runs.batch(this, inputs, config);
    }

    /** Runs {@link #batch(List, RunConfig)} with the default config. */
    default List<O> batch(List<? extends I> inputs) {
        return batch(inputs, RunConfig.defaults());
    }

    // ---- composition ---------------------------------------------------------------------------

    /** This step followed by {@code next}; streaming passes through both. */
    default <P> Runnable<I, P> pipe(Runnable<? super O, P> next) {
        return RunnableSequence.of(this, next);
    }

    /** This step followed by a plain function. */
    default <P> Runnable<I, P> map(Function<? super O, P> fn) {
        return pipe(Runnables.lambda(fn));
    }

    /** Retries failures that {@code retryOn} accepts, with exponential backoff and jitter. */
    default Runnable<I, O> withRetry(RetryPolicy policy) {
        return new RetryRunnable<>(this, policy);
    }

    /** Tries each fallback in turn when this step (or the previous fallback) fails. */
    default Runnable<I, O> withFallbacks(List<? extends Runnable<? super I, ? extends O>> fallbacks) {
        return new FallbackRunnable<>(this, fallbacks, e -> true);
    }

    /** Tries each fallback in turn for failures {@code handles} accepts. */
    default Runnable<I, O> withFallbacks(List<? extends Runnable<? super I, ? extends O>> fallbacks,
                                         Predicate<Throwable> handles) {
        return new FallbackRunnable<>(this, fallbacks, handles);
    }

    /** Fails with {@link RunTimeoutException} when one invocation takes longer than {@code timeout}. */
    default Runnable<I, O> withTimeout(Duration timeout) {
        return new TimeoutRunnable<>(this, timeout);
    }

    /** Binds config (tags, metadata, callbacks, concurrency) that is merged into every call. */
    default Runnable<I, O> withConfig(RunConfig config) {
        return new ConfiguredRunnable<>(this, config);
    }

    /** Gives this step a name for traces. */
    default Runnable<I, O> named(String name) {
        return new ConfiguredRunnable<>(this, RunConfig.builder().runName(name).build());
    }

    /** Fans this step's output out to named branches and collects their results into a map. */
    default Runnable<I, Map<String, Object>> pipeParallel(Map<String, ? extends Runnable<? super O, ?>> branches) {
        return pipe(Runnables.parallel(branches));
    }
}
