package dev.catena.core.parser;

import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.data.message.AiMessage;

import java.util.List;

/**
 * Turns a model's text output into a value. Input is a {@link String}, any {@link CharSequence} or an
 * {@link AiMessage}; streamed input is a stream of text deltas in either form. Implementations write
 * {@link #parse(String)}; parsers that can emit values before the text is complete override
 * {@link #doTransform}. A failure is an {@link OutputParserException}.
 *
 * @param <T> the parsed value type
 */
public interface OutputParser<T> extends Runnable<Object, T> {

    /** Parses a complete output. */
    T parse(String text);

    /** Instructions to put into the prompt so the model answers in the format this parser expects. */
    default String formatInstructions() {
        return "";
    }

    @Override
    default T doInvoke(Object input, RunContext run) {
        return parse(textOf(input));
    }

    /** Collects the streamed text and parses it once it is complete. */
    @Override
    default RunStream<T> doTransform(RunStream<Object> input, RunContext run) {
        StringBuilder text = new StringBuilder();
        try (input) {
            while (input.hasNext()) text.append(textOf(input.next()));
        }
        return RunStream.of(parse(text.toString()));
    }

    /** The text of a model output: a string, a char sequence or an AI message's text. */
    static String textOf(Object output) {
        return switch (output) {
            case String s -> s;
            case CharSequence cs -> cs.toString();
            case AiMessage m when m.hasToolExecutionRequests() && m.text() == null ->
                    throw new OutputParserException("the model answered with tool calls, not text: "
                            + m.toolExecutionRequests().stream().map(t -> t.name()).toList(), String.valueOf(m));
            case AiMessage m -> m.text() == null ? "" : m.text();
            case null -> throw new OutputParserException("the parser got null instead of model output", null);
            default -> throw new OutputParserException("the parser cannot read input of type "
                    + output.getClass().getName() + "; expected String or AiMessage", String.valueOf(output));
        };
    }

    /** Like {@link #textOf} for a list of chunks. */
    static String textOf(List<?> chunks) {
        StringBuilder sb = new StringBuilder();
        for (Object c : chunks) sb.append(textOf(c));
        return sb.toString();
    }
}
