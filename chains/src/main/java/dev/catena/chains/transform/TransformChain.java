package dev.catena.chains.transform;

import dev.catena.chains.ChainInputs;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.Runnable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A chain step written in Java: a function from the named inputs to named outputs. The inputs are
 * checked before and the outputs after the call, so a wrong function fails with the missing name.
 * (A file cannot contain code: YAML reaches a transform only as a host bean.)
 */
public final class TransformChain implements Runnable<Map<String, Object>, Map<String, Object>> {

    private final List<String> inputs;
    private final List<String> outputs;
    private final Function<? super Map<String, Object>, ? extends Map<String, ?>> function;

    private TransformChain(List<String> inputs, List<String> outputs, Function<? super Map<String, Object>, ? extends Map<String, ?>> function) {
        this.inputs = List.copyOf(inputs);
        this.outputs = List.copyOf(outputs);
        this.function = Objects.requireNonNull(function, "function");
        if (this.outputs.isEmpty()) throw new IllegalArgumentException("a transform chain needs at least one output name");
    }

    /** A transform from {@code inputs} to {@code outputs}. */
    public static TransformChain of(List<String> inputs, List<String> outputs,
                                    Function<? super Map<String, Object>, ? extends Map<String, ?>> function) {
        return new TransformChain(inputs, outputs, function);
    }

    @Override
    public String name() {
        return "TransformChain";
    }

    @Override
    public Map<String, Object> doInvoke(Map<String, Object> input, RunContext run) {
        Map<String, Object> in = new LinkedHashMap<>();
        for (String k : inputs) in.put(k, ChainInputs.required(input, k, name()));
        Map<String, ?> result = function.apply(Map.copyOf(in));
        if (result == null) throw new IllegalStateException("transform function returned null; expected outputs " + outputs);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : outputs) {
            if (!result.containsKey(k)) {
                throw new IllegalStateException("transform function did not return output '" + k + "' (returned: " + result.keySet() + ")");
            }
            out.put(k, result.get(k));
        }
        return out;
    }
}
