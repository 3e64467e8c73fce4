package dev.catena.agents.react.fuzz;

import dev.catena.agents.react.ReActOutput;
import dev.catena.agents.react.ReActParser;

import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: a model turn (untrusted text) through {@link ReActParser}. The parser documents no
 * exception: every input yields an action with a non-blank one-line tool name, a non-blank final
 * answer, or an {@code Invalid} turn with an error for the model.
 */
public final class ReActParserFuzzer {
    private ReActParserFuzzer() {}

    private static final ReActParser PARSER = new ReActParser();

    /** Warms up (class loading and Jazzer's instrumentation) before the per-input timeout applies. */
    public static void fuzzerInitialize() {
        fuzzerTestOneInput("Thought: x\nAction: t\nAction Input: {\"a\": 1}\nObservation: y".getBytes(StandardCharsets.UTF_8));
        fuzzerTestOneInput("Final Answer: z".getBytes(StandardCharsets.UTF_8));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        ReActOutput out = PARSER.parse(text);
        if (out == null || out.thought() == null) throw new IllegalStateException("null result for: " + text);
        switch (out) {
            case ReActOutput.Act act -> {
                if (act.tool().isBlank()) throw new IllegalStateException("blank tool name from: " + text);
                if (act.tool().contains("\n")) throw new IllegalStateException("multi-line tool name from: " + text);
                if (act.input() == null) throw new IllegalStateException("null input from: " + text);
            }
            case ReActOutput.Finish finish -> {
                if (finish.answer().isBlank()) throw new IllegalStateException("blank answer from: " + text);
            }
            case ReActOutput.Invalid invalid -> {
                if (invalid.error().isBlank()) throw new IllegalStateException("Invalid without an error from: " + text);
            }
        }
    }
}
