package dev.catena.core.runnable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/** Factories for the basic composition steps: lambda, parallel, branch, passthrough, assign. */
public final class Runnables {
    private Runnables() {}

    /** A step that applies a plain function. */
    public static <I, O> Runnable<I, O> lambda(Function<? super I, ? extends O> fn) {
        return new LambdaRunnable<>("Lambda", fn);
    }

    /** A named step that applies a plain function. */
    public static <I, O> Runnable<I, O> lambda(String name, Function<? super I, ? extends O> fn) {
        return new LambdaRunnable<>(name, fn);
    }

    /** A step that returns its input unchanged (and streams it through unchanged). */
    public static <T> Runnable<T, T> passthrough() {
        return new PassthroughRunnable<>();
    }

    /** Runs every branch on the same input concurrently and returns their outputs by name. */
    public static <I> Runnable<I, Map<String, Object>> parallel(Map<String, ? extends Runnable<? super I, ?>> branches) {
        return new ParallelRunnable<>(branches);
    }

    /**
     * Keeps the input map and adds one entry per {@code computed} step, each given the input map
     * (LangChain's {@code RunnablePassthrough.assign}).
     */
    public static Runnable<Map<String, Object>, Map<String, Object>> assign(
            Map<String, ? extends Runnable<? super Map<String, Object>, ?>> computed) {
        Runnable<Map<String, Object>, Map<String, Object>> extras = parallel(computed);
        return new Runnable<>() {
            @Override public String name() { return "Assign"; }
            @Override public Map<String, Object> doInvoke(Map<String, Object> input, RunContext run) {
                Map<String, Object> out = new LinkedHashMap<>(input);
                out.putAll(extras.invoke(input, run.child()));
                return out;
            }
        };
    }

    /** Starts a branch: the first case whose predicate accepts the input runs, else the default. */
    public static <I, O> BranchRunnable.Builder<I, O> branch() {
        return BranchRunnable.builder();
    }

    /** A branch over the given cases and default. */
    public static <I, O> Runnable<I, O> branch(List<BranchRunnable.Case<I, O>> cases, Runnable<? super I, ? extends O> otherwise) {
        return new BranchRunnable<>(cases, otherwise);
    }

    /** A case for {@link #branch(List, Runnable)}. */
    public static <I, O> BranchRunnable.Case<I, O> when(Predicate<? super I> test, Runnable<? super I, ? extends O> then) {
        return new BranchRunnable.Case<>(test, then);
    }

    /** Steps run in order, types checked at run time. */
    public static <I, O> Runnable<I, O> sequence(Runnable<?, ?>... steps) {
        return RunnableSequence.ofSteps(List.of(steps));
    }
}
