package dev.catena.core.runnable;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/** Routes an input to the first case whose predicate accepts it, or to the default step. */
public final class BranchRunnable<I, O> implements Runnable<I, O> {

    /** One branch case: when {@code test} accepts the input, {@code then} runs. */
    public record Case<I, O>(Predicate<? super I> test, Runnable<? super I, ? extends O> then) {
        public Case {
            Objects.requireNonNull(test, "test");
            Objects.requireNonNull(then, "then");
        }
    }

    private final List<Case<I, O>> cases;
    private final Runnable<? super I, ? extends O> otherwise;

    BranchRunnable(List<Case<I, O>> cases, Runnable<? super I, ? extends O> otherwise) {
        this.cases = List.copyOf(cases);
        this.otherwise = Objects.requireNonNull(otherwise, "a branch needs a default step");
    }

    static <I, O> Builder<I, O> builder() {
        return new Builder<>();
    }

    @Override public String name() { return "Branch"; }

    @SuppressWarnings("unchecked")
    private Runnable<I, O> select(I input) {
        for (Case<I, O> c : cases) {
            if (c.test().test(input)) return (Runnable<I, O>) c.then();
        }
        return (Runnable<I, O>) otherwise;
    }

    @Override
    public O doInvoke(I input, RunContext run) {
        return select(input).invoke(input, run.child());
    }

    @Override
    public RunStream<O> doStream(I input, RunContext run) {
        return select(input).stream(input, run.child());
    }

    /** Builder of a branch. */
    public static final class Builder<I, O> {
        private final List<Case<I, O>> cases = new ArrayList<>();

        public Builder<I, O> when(Predicate<? super I> test, Runnable<? super I, ? extends O> then) {
            cases.add(new Case<>(test, then));
            return this;
        }

        public BranchRunnable<I, O> otherwise(Runnable<? super I, ? extends O> step) {
            return new BranchRunnable<>(cases, step);
        }
    }
}
