package dev.catena.core.runnable;

/** Returns its input; in a stream, passes every chunk through as it comes. */
final class PassthroughRunnable<T> implements Runnable<T, T> {
    @Override public String name() { return "Passthrough"; }

    @Override public T doInvoke(T input, RunContext run) { return input; }

    @Override public RunStream<T> doTransform(RunStream<T> input, RunContext run) { return input; }
}
