package dev.catena.core.runnable;

/** A step with config bound to it; the bound config is merged into every call's config. */
final class ConfiguredRunnable<I, O> implements Runnable<I, O> {
    private final Runnable<I, O> step;
    private final RunConfig bound;

    ConfiguredRunnable(Runnable<I, O> step, RunConfig bound) {
        this.step = step;
        this.bound = bound;
    }

    @Override public String name() { return bound.runName() != null ? bound.runName() : step.name(); }

    @Override public O doInvoke(I input, RunContext run) { return step.doInvoke(input, run); }

    @Override public RunStream<O> doStream(I input, RunContext run) { return step.doStream(input, run); }

    @Override public RunStream<O> doTransform(RunStream<I> input, RunContext run) { return step.doTransform(input, run); }

    @Override public O invoke(I input, RunConfig config) { return step.invoke(input, config.mergedWith(bound)); }

    @Override public RunStream<O> stream(I input, RunConfig config) { return step.stream(input, config.mergedWith(bound)); }

    @Override public RunStream<O> transform(RunStream<I> input, RunConfig config) { return step.transform(input, config.mergedWith(bound)); }

    @Override public java.util.List<O> batch(java.util.List<? extends I> inputs, RunConfig config) {
        return step.batch(inputs, config.mergedWith(bound));
    }
}
