package dev.catena.core.bench;

import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;

import java.util.function.UnaryOperator;

/** A text transform that also maps a stream chunk by chunk, so streaming passes through it. */
record ChunkMap(String name, UnaryOperator<String> fn) implements Runnable<String, String> {

    @Override
    public String doInvoke(String input, RunContext run) {
        return fn.apply(input);
    }

    @Override
    public RunStream<String> doTransform(RunStream<String> input, RunContext run) {
        return input.map(fn);
    }
}
