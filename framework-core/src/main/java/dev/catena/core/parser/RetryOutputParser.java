package dev.catena.core.parser;

import dev.catena.core.prompt.PromptValue;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Wraps a parser; when parsing fails it shows the model its output and the parse error, asks for a
 * corrected answer and parses that, up to {@code maxRetries} times. With {@link #parse(String, PromptValue)}
 * the original prompt is part of the request, so the model can answer it again.
 *
 * @param <T> the parsed value type
 */
public final class RetryOutputParser<T> implements OutputParser<T> {

    private final OutputParser<T> parser;
    private final ChatModel model;
    private final int maxRetries;

    private RetryOutputParser(OutputParser<T> parser, ChatModel model, int maxRetries) {
        if (maxRetries < 1) throw new IllegalArgumentException("maxRetries must be at least 1, was " + maxRetries);
        this.parser = Objects.requireNonNull(parser, "parser");
        this.model = Objects.requireNonNull(model, "model");
        this.maxRetries = maxRetries;
    }

    /** Retries {@code parser} up to {@code maxRetries} times by re-asking {@code model}. */
    public static <T> RetryOutputParser<T> of(OutputParser<T> parser, ChatModel model, int maxRetries) {
        return new RetryOutputParser<>(parser, model, maxRetries);
    }

    @Override
    public T parse(String text) {
        return parse(text, null);
    }

    /** Parses {@code text}; on failure re-asks the model, including the original {@code prompt} if given. */
    public T parse(String text, PromptValue prompt) {
        return parse(text, prompt, null);
    }

    private T parse(String text, PromptValue prompt, RunContext run) {
        String current = text;
        OutputParserException last;
        int attempt = 0;
        while (true) {
            try {
                return parser.parse(current);
            } catch (OutputParserException e) {
                last = e;
            }
            if (attempt++ >= maxRetries) break;
            if (run != null) run.retry(attempt, last);
            current = model.chat(fixRequest(prompt, current, last)).aiMessage().text();
            if (current == null) current = "";
        }
        throw new OutputParserException("still unparseable after " + maxRetries + " retries: " + last.reason(),
                last.rawText(), last);
    }

    private List<ChatMessage> fixRequest(PromptValue prompt, String output, OutputParserException error) {
        List<ChatMessage> messages = new ArrayList<>();
        if (prompt != null) messages.addAll(prompt.toMessages());
        String instructions = parser.formatInstructions();
        messages.add(UserMessage.from("Your previous answer could not be parsed.\n"
                + "Answer:\n" + output + "\n"
                + "Error: " + error.reason() + "\n"
                + (instructions.isEmpty() ? "" : "Format instructions: " + instructions + "\n")
                + "Reply with a corrected answer only."));
        return messages;
    }

    @Override
    public T doInvoke(Object input, RunContext run) {
        return parse(OutputParser.textOf(input), null, run);
    }

    @Override
    public String formatInstructions() {
        return parser.formatInstructions();
    }

    @Override
    public String name() {
        return "Retry<" + parser.name() + ">";
    }
}
