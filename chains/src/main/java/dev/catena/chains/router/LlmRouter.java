package dev.catena.chains.router;

import dev.catena.chains.ChainInputs;
import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Asks a model which destination fits the input, given each destination's description. The
 * model answers with a destination name (case, quotes and trailing punctuation are ignored) or
 * {@code DEFAULT}; any other answer falls back to the default destination.
 */
public final class LlmRouter implements Router {

    private final Runnable<Object, AiMessage> model;
    private final Map<String, String> descriptions;
    private final String inputKey;

    private LlmRouter(Runnable<Object, AiMessage> model, Map<String, String> descriptions, String inputKey) {
        this.model = Objects.requireNonNull(model, "model");
        this.descriptions = new LinkedHashMap<>(descriptions);
        this.inputKey = Objects.requireNonNull(inputKey, "inputKey");
    }

    /** A router asking {@code model}; {@code descriptions} by destination name; routes the text under {@code inputKey}. */
    public static LlmRouter of(ChatModel model, Map<String, String> descriptions, String inputKey) {
        return new LlmRouter(ChatModelRunnable.of(model), descriptions, inputKey);
    }

    /** The prompt sent to the model. */
    String prompt(String input, Set<String> destinations) {
        StringBuilder sb = new StringBuilder("Choose the destination best suited to handle the input.\n"
                + "Answer with the destination name only, or DEFAULT if none fits.\n\nDestinations:\n");
        for (String d : destinations) sb.append("- ").append(d).append(": ").append(descriptions.getOrDefault(d, "")).append('\n');
        return sb.append("\nInput:\n").append(input).toString();
    }

    @Override
    public Optional<String> route(Map<String, Object> input, Set<String> destinations) {
        String text = ChainInputs.text(ChainInputs.required(input, inputKey, "LlmRouter"));
        String answer = ChainInputs.text(model.invoke(prompt(text, destinations)));
        String first = answer.strip().lines().findFirst().orElse("").strip();
        String cleaned = first.replaceAll("^[\"'`*\\s]+|[\"'`*.!\\s]+$", "").toLowerCase(Locale.ROOT);
        return destinations.stream().filter(d -> d.toLowerCase(Locale.ROOT).equals(cleaned)).findFirst();
    }
}
