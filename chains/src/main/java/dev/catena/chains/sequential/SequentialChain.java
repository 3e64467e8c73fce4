package dev.catena.chains.sequential;

import dev.catena.chains.ChainInputs;
import dev.catena.core.runnable.Chunks;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Steps run in order over named values: each step gets every input and every earlier step's
 * output, and its result is stored under its output name. The chain returns the named outputs.
 * Names are checked when built: a step may not overwrite an input or an earlier output, and every
 * requested output must be produced. Streaming streams the last step, emitting snapshots of the
 * output map as its value grows.
 */
public final class SequentialChain implements Runnable<Map<String, Object>, Map<String, Object>> {

    /** One step: a chain over the named values and the name of its result. */
    public record Step(String output, Runnable<? super Map<String, Object>, ?> chain) {
        public Step {
            Objects.requireNonNull(output, "output");
            Objects.requireNonNull(chain, "chain");
        }
    }

    private final List<String> inputs;
    private final List<Step> steps;
    private final List<String> outputs;

    private SequentialChain(List<String> inputs, List<Step> steps, List<String> outputs) {
        if (steps.isEmpty()) throw new IllegalArgumentException("a sequential chain needs at least one step");
        this.inputs = List.copyOf(inputs);
        this.steps = List.copyOf(steps);
        Set<String> known = new LinkedHashSet<>(inputs);
        for (int i = 0; i < steps.size(); i++) {
            String out = steps.get(i).output();
            if (!known.add(out)) {
                throw new IllegalArgumentException("steps[" + i + "] output '" + out + "' is already an input or an earlier output");
            }
        }
        this.outputs = outputs.isEmpty() ? List.of(steps.getLast().output()) : List.copyOf(outputs);
        for (String o : this.outputs) {
            if (!known.contains(o)) {
                throw new IllegalArgumentException("output '" + o + "' is neither an input nor produced by a step (known: " + String.join(", ", known) + ")");
            }
        }
    }

    /** A chain over the given input names, steps and output names (empty = the last step's output). */
    public static SequentialChain of(List<String> inputs, List<Step> steps, List<String> outputs) {
        return new SequentialChain(inputs, steps, outputs);
    }

    public List<String> outputs() {
        return outputs;
    }

    @Override
    public String name() {
        return "SequentialChain";
    }

    @Override
    public Map<String, Object> doInvoke(Map<String, Object> input, RunContext run) {
        Map<String, Object> state = start(input);
        RunConfig child = run.child();
        for (Step step : steps) state.put(step.output(), invoke(step, state, child));
        return select(state);
    }

    @Override
    public RunStream<Map<String, Object>> doStream(Map<String, Object> input, RunContext run) {
        Map<String, Object> state = start(input);
        RunConfig child = run.child();
        for (Step step : steps.subList(0, steps.size() - 1)) state.put(step.output(), invoke(step, state, child));
        Step last = steps.getLast();
        RunStream<?> source = stream(last, state, child);
        List<Object> chunks = new ArrayList<>();
        return new RunStream<>() {
            @Override public boolean hasNext() { return source.hasNext(); }
            @Override public Map<String, Object> next() {
                chunks.add(source.next());
                state.put(last.output(), Chunks.merge(chunks));
                return select(state);
            }
            @Override public void close() { source.close(); }
        };
    }

    @SuppressWarnings("unchecked")
    private static Object invoke(Step step, Map<String, Object> state, RunConfig config) {
        return ((Runnable<Map<String, Object>, ?>) step.chain()).invoke(Map.copyOf(state), config);
    }

    @SuppressWarnings("unchecked")
    private static RunStream<?> stream(Step step, Map<String, Object> state, RunConfig config) {
        return ((Runnable<Map<String, Object>, ?>) step.chain()).stream(Map.copyOf(state), config);
    }

    private Map<String, Object> start(Map<String, Object> input) {
        Map<String, Object> state = new LinkedHashMap<>();
        for (String in : inputs) state.put(in, ChainInputs.required(input, in, name()));
        return state;
    }

    private Map<String, Object> select(Map<String, Object> state) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String o : outputs) out.put(o, state.get(o));
        return out;
    }
}
