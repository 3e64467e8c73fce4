package dev.catena.core.runnable;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Runs a primary step and, when it fails with a handled error, each fallback in turn. */
final class FallbackRunnable<I, O> implements Runnable<I, O> {
    private final List<Runnable<? super I, ? extends O>> steps = new ArrayList<>();
    private final Predicate<Throwable> handles;

    FallbackRunnable(Runnable<I, O> primary, List<? extends Runnable<? super I, ? extends O>> fallbacks,
                     Predicate<Throwable> handles) {
        steps.add(primary);
        steps.addAll(fallbacks);
        this.handles = handles;
    }

    @Override public String name() { return "WithFallbacks<" + steps.getFirst().name() + ">"; }

    @Override
    @SuppressWarnings("unchecked")
    public O doInvoke(I input, RunContext run) {
        RuntimeException first = null;
        for (Runnable<? super I, ? extends O> step : steps) {
            try {
                return ((Runnable<I, O>) step).invoke(input, run.child());
            } catch (RuntimeException e) {
                if (!handles.test(e)) throw e;
                if (first == null) first = e; else first.addSuppressed(e);
            }
        }
        throw first;
    }
}
