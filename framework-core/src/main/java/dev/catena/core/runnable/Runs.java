package dev.catena.core.runnable;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;

/** The run life cycle behind {@link Runnable}'s default methods: ids, callbacks, streaming, batching. */
final class Runs {

    private Runs() {}

    static <I, O> O invoke(Runnable<I, O> step, I input, RunConfig config) {
        RunContext run = start(step, input, config);
        try {
            O out = step.doInvoke(input, run);
            end(run, out);
            return out;
        } catch (RuntimeException | Error e) {
            error(run, e);
            throw e;
        }
    }

    static <I, O> RunStream<O> stream(Runnable<I, O> step, I input, RunConfig config) {
        RunContext run = start(step, input, config);
        try {
            return observed(run, step.doStream(input, run));
        } catch (RuntimeException | Error e) {
            error(run, e);
            throw e;
        }
    }

    static <I, O> RunStream<O> transform(Runnable<I, O> step, RunStream<I> input, RunConfig config) {
        RunContext run = start(step, "<stream>", config);
        try {
            return observed(run, step.doTransform(input, run));
        } catch (RuntimeException | Error e) {
            input.close();
            error(run, e);
            throw e;
        }
    }

    static <I, O> CompletableFuture<O> invokeAsync(Runnable<I, O> step, I input, RunConfig config) {
        CompletableFuture<O> future = new CompletableFuture<>();
        Thread.ofVirtual().name("catena-async-" + step.name()).start(() -> {
            try {
                future.complete(step.invoke(input, config));
            } catch (Throwable t) {
                future.completeExceptionally(t);
            }
        });
        return future;
    }

    static <I, O> List<O> batch(Runnable<I, O> step, List<? extends I> inputs, RunConfig config) {
        // permits are taken here, before each submit, so inputs start in their order (maxConcurrency 1 is sequential)
        Semaphore permits = new Semaphore(config.maxConcurrency());
        List<Future<O>> futures = new ArrayList<>(inputs.size());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (I input : inputs) {
                try {
                    permits.acquire();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    futures.forEach(f -> f.cancel(true));
                    throw new RunException("Interrupted while starting batch inputs", e);
                }
                futures.add(pool.submit(() -> {
                    try {
                        return step.invoke(input, config);
                    } finally {
                        permits.release();
                    }
                }));
            }
        }
        List<O> out = new ArrayList<>(inputs.size());
        RuntimeException first = null;
        for (Future<O> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                RuntimeException failure = asRuntime(e.getCause());
                if (first == null) first = failure; else first.addSuppressed(failure);
                out.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunException("Interrupted while waiting for batch results", e);
            }
        }
        if (first != null) throw first;
        return out;
    }

    static RuntimeException asRuntime(Throwable t) {
        if (t instanceof RuntimeException re) return re;
        if (t instanceof Error err) throw err;
        return new RunException(t.getMessage(), t);
    }

    private static RunContext start(Runnable<?, ?> step, Object input, RunConfig config) {
        String name = config.runName() != null ? config.runName() : step.name();
        RunInfo info = RunInfo.start(name, config);
        RunContext run = new RunContext(info, config);
        for (CallbackHandler h : config.callbacks()) Callbacks.safely(h, x -> x.onStart(info, input));
        return run;
    }

    private static void end(RunContext run, Object output) {
        for (CallbackHandler h : run.config().callbacks()) Callbacks.safely(h, x -> x.onEnd(run.info(), output));
    }

    private static void error(RunContext run, Throwable e) {
        for (CallbackHandler h : run.config().callbacks()) Callbacks.safely(h, x -> x.onError(run.info(), e));
    }

    /** Wraps a stream so the run's end (with the merged output) or error is reported once. */
    private static <O> RunStream<O> observed(RunContext run, RunStream<O> source) {
        if (run.config().callbacks().isEmpty()) return source;
        return new RunStream<>() {
            private final List<O> seen = new ArrayList<>();
            private boolean reported;

            @Override public boolean hasNext() {
                try {
                    boolean more = source.hasNext();
                    if (!more && !reported) {
                        reported = true;
                        end(run, Chunks.merge(seen));
                    }
                    return more;
                } catch (RuntimeException | Error e) {
                    if (!reported) {
                        reported = true;
                        error(run, e);
                    }
                    throw e;
                }
            }

            @Override public O next() {
                if (!hasNext()) throw new NoSuchElementException();
                O chunk = source.next();
                seen.add(chunk);
                return chunk;
            }

            @Override public void close() {
                source.close();
                if (!reported) {
                    reported = true;
                    error(run, new StreamCancelledException("Stream closed before its end", null));
                }
            }
        };
    }
}
