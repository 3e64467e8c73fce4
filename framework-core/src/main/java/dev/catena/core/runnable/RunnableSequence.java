package dev.catena.core.runnable;

import java.util.ArrayList;
import java.util.List;

/**
 * Steps run one after another, each fed the previous output. Streaming passes through: the first
 * step streams and every later step transforms the stream it receives, so a parser after a model
 * emits values while tokens arrive.
 */
public final class RunnableSequence<I, O> implements Runnable<I, O> {

    private final List<Runnable<Object, Object>> steps;

    private RunnableSequence(List<Runnable<Object, Object>> steps) {
        if (steps.isEmpty()) throw new IllegalArgumentException("A sequence needs at least one step");
        this.steps = List.copyOf(steps);
    }

    /** {@code first} then {@code second}; nested sequences are flattened. */
    @SuppressWarnings("unchecked")
    public static <I, M, O> RunnableSequence<I, O> of(Runnable<I, M> first, Runnable<? super M, O> second) {
        List<Runnable<Object, Object>> all = new ArrayList<>();
        for (Runnable<?, ?> r : List.of(first, second)) {
            if (r instanceof RunnableSequence<?, ?> s) all.addAll(s.steps);
            else all.add((Runnable<Object, Object>) r);
        }
        return new RunnableSequence<>(all);
    }

    /** A sequence of any number of steps whose types line up at run time. */
    @SuppressWarnings("unchecked")
    public static <I, O> RunnableSequence<I, O> ofSteps(List<? extends Runnable<?, ?>> steps) {
        List<Runnable<Object, Object>> all = new ArrayList<>();
        for (Runnable<?, ?> r : steps) {
            if (r instanceof RunnableSequence<?, ?> s) all.addAll(s.steps);
            else all.add((Runnable<Object, Object>) r);
        }
        return new RunnableSequence<>(all);
    }

    /** The steps in order. */
    public List<Runnable<Object, Object>> steps() {
        return steps;
    }

    @Override
    public String name() {
        return "Sequence";
    }

    @Override
    @SuppressWarnings("unchecked")
    public O doInvoke(I input, RunContext run) {
        Object value = input;
        RunConfig child = run.child();
        for (Runnable<Object, Object> step : steps) {
            value = step.invoke(value, child);
        }
        return (O) value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RunStream<O> doStream(I input, RunContext run) {
        RunConfig child = run.child();
        RunStream<Object> stream = steps.getFirst().stream(input, child);
        for (int i = 1; i < steps.size(); i++) {
            stream = steps.get(i).transform(stream, child);
        }
        return (RunStream<O>) stream;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RunStream<O> doTransform(RunStream<I> input, RunContext run) {
        RunConfig child = run.child();
        RunStream<Object> stream = (RunStream<Object>) input;
        for (Runnable<Object, Object> step : steps) {
            stream = step.transform(stream, child);
        }
        return (RunStream<O>) stream;
    }
}
