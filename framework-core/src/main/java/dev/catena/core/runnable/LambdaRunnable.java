package dev.catena.core.runnable;

import java.util.function.Function;

/** A step that applies a plain function. */
final class LambdaRunnable<I, O> implements Runnable<I, O> {
    private final String name;
    private final Function<? super I, ? extends O> fn;

    LambdaRunnable(String name, Function<? super I, ? extends O> fn) {
        this.name = name;
        this.fn = fn;
    }

    @Override public String name() { return name; }

    @Override public O doInvoke(I input, RunContext run) { return fn.apply(input); }
}
