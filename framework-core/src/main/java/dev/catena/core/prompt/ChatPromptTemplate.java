package dev.catena.core.prompt;

import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A chat prompt: system, user and AI message templates plus placeholders where a list of messages
 * (e.g. the conversation history) is inserted. A step from a map of values to a {@link ChatPromptValue}.
 *
 * <pre>{@code
 * ChatPromptTemplate t = ChatPromptTemplate.builder()
 *         .system("You are a helpful assistant who speaks {language}.")
 *         .placeholder("history")
 *         .user("{question}")
 *         .build();
 * }</pre>
 *
 * <p>Variables are validated when built, as for {@link PromptTemplate}. A placeholder's value must be
 * a {@link ChatMessage} or a list of them; an optional placeholder may be absent.
 */
public final class ChatPromptTemplate implements Runnable<Map<String, Object>, PromptValue> {

    /** One element of a chat template. */
    public sealed interface Part permits Message, Placeholder {}

    /** A message of {@code role} ("system", "user" or "ai") rendered from a text template. */
    public record Message(String role, TextTemplate template) implements Part {}

    /** Where the messages held by variable {@code name} are inserted. */
    public record Placeholder(String name, boolean optional) implements Part {}

    private final List<Part> parts;
    private final Map<String, Object> partials;
    private final Set<String> inputVariables;

    private ChatPromptTemplate(List<Part> parts, Map<String, Object> partials, Set<String> declared) {
        this.parts = List.copyOf(parts);
        this.partials = Map.copyOf(partials);
        Set<String> used = new LinkedHashSet<>();
        for (Part p : parts) {
            switch (p) {
                case Message m -> used.addAll(m.template().variables());
                case Placeholder ph -> used.add(ph.name());
            }
        }
        Set<String> inputs = declared != null ? declared : minus(used, partials.keySet());
        Variables.check(used, inputs, partials.keySet(), "Chat prompt template");
        this.inputVariables = Set.copyOf(inputs);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A template with one user message. */
    public static ChatPromptTemplate ofUser(String template) {
        return builder().user(template).build();
    }

    /** The variables a caller must supply (placeholders included, partials excluded). */
    public Set<String> inputVariables() {
        return inputVariables;
    }

    public List<Part> parts() {
        return parts;
    }

    /** Renders the messages. */
    public List<ChatMessage> formatMessages(Map<String, ?> values) {
        Map<String, Object> all = Variables.withPartials(partials, values);
        List<ChatMessage> out = new ArrayList<>();
        for (Part p : parts) {
            switch (p) {
                case Message m -> out.add(message(m.role(), m.template().render(all)));
                case Placeholder ph -> out.addAll(placeholderMessages(ph, all));
            }
        }
        return out;
    }

    @Override
    public PromptValue doInvoke(Map<String, Object> input, RunContext run) {
        return new ChatPromptValue(formatMessages(input));
    }

    @Override
    public String name() {
        return "ChatPromptTemplate";
    }

    private static List<ChatMessage> placeholderMessages(Placeholder ph, Map<String, Object> values) {
        Object v = values.get(ph.name());
        if (v == null) {
            if (ph.optional()) return List.of();
            throw new TemplateException("Missing value for messages placeholder '" + ph.name() + "' (given: " + values.keySet() + ")");
        }
        if (v instanceof ChatMessage m) return List.of(m);
        if (v instanceof List<?> list) {
            List<ChatMessage> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof ChatMessage m)) {
                    throw new TemplateException("Messages placeholder '" + ph.name() + "' element " + i + " is "
                            + (list.get(i) == null ? "null" : list.get(i).getClass().getName()) + ", not a ChatMessage");
                }
                out.add(m);
            }
            return out;
        }
        throw new TemplateException("Messages placeholder '" + ph.name() + "' needs a ChatMessage or a list of them, got "
                + v.getClass().getName());
    }

    static ChatMessage message(String role, String text) {
        return switch (role) {
            case "system" -> SystemMessage.from(text);
            case "user", "human" -> UserMessage.from(text);
            case "ai", "assistant" -> AiMessage.from(text);
            default -> throw new TemplateException("Unknown message role '" + role + "'; expected system, user or ai");
        };
    }

    private static Set<String> minus(Set<String> a, Set<String> b) {
        Set<String> out = new LinkedHashSet<>(a);
        out.removeAll(b);
        return out;
    }

    /** Builder of a {@link ChatPromptTemplate}; messages are added in order. */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();
        private final Map<String, Object> partials = new LinkedHashMap<>();
        private TemplateFormat format = TemplateFormat.BRACES;
        private Set<String> inputVariables;

        /** The syntax of the message templates added after this call. */
        public Builder format(TemplateFormat format) { this.format = Objects.requireNonNull(format, "format"); return this; }
        public Builder system(String template) { return message("system", template); }
        public Builder user(String template) { return message("user", template); }
        public Builder ai(String template) { return message("ai", template); }
        /** A system message loaded from a file ({@code .mustache} files are Mustache). */
        public Builder systemFromFile(Path file) {
            parts.add(new Message("system", TextTemplate.of(TemplateSources.readFile(file),
                    TemplateSources.formatOf(file.getFileName().toString()), file.toString())));
            return this;
        }
        /** A message of {@code role} (system, user, ai). */
        public Builder message(String role, String template) {
            ChatPromptTemplate.message(role, "-");  // fails early on an unknown role
            parts.add(new Message(role, TextTemplate.of(Objects.requireNonNull(template, "template"), format)));
            return this;
        }
        /** A required messages placeholder. */
        public Builder placeholder(String name) { parts.add(new Placeholder(name, false)); return this; }
        /** A messages placeholder that may be left out. */
        public Builder optionalPlaceholder(String name) { parts.add(new Placeholder(name, true)); return this; }
        public Builder partial(String name, Object value) { partials.put(name, Objects.requireNonNull(value, "value")); return this; }
        public Builder partial(String name, Supplier<?> value) { partials.put(name, Objects.requireNonNull(value, "value")); return this; }
        /** Declares the input variables; the template must use exactly these plus the partials. */
        public Builder inputVariables(String... names) { this.inputVariables = new LinkedHashSet<>(Arrays.asList(names)); return this; }
        public ChatPromptTemplate build() {
            if (parts.isEmpty()) throw new TemplateException("A chat prompt template needs at least one message or placeholder");
            return new ChatPromptTemplate(parts, partials, inputVariables);
        }
    }
}
