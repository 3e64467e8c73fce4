package dev.catena.core.parser;

import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;

/** Returns the model's text as is; streams text deltas through as they arrive. */
public final class StringOutputParser implements OutputParser<String> {

    private static final StringOutputParser INSTANCE = new StringOutputParser();

    private StringOutputParser() {}

    public static StringOutputParser create() {
        return INSTANCE;
    }

    @Override
    public String parse(String text) {
        return text;
    }

    @Override
    public RunStream<String> doTransform(RunStream<Object> input, RunContext run) {
        return input.map(OutputParser::textOf);
    }

    @Override
    public String name() {
        return "StringOutputParser";
    }
}
