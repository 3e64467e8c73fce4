package dev.catena.chains.yaml.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.prompt.ChatPromptTemplate;
import dev.catena.core.prompt.FewShotPromptTemplate;
import dev.catena.core.prompt.PromptTemplate;
import dev.catena.core.prompt.PromptValue;
import dev.catena.core.prompt.TemplateFormat;
import dev.catena.core.runnable.Runnable;

import java.util.List;
import java.util.Map;

/**
 * The prompt types files may declare ({@code kind: Prompt}): {@code text}, {@code chat} and
 * {@code few-shot}. Registered through ServiceLoader. Long texts can live in separate files with
 * {@code ${file:prompts/x.txt}}.
 */
public final class PromptTypes {
    private PromptTypes() {}

    /** Variable syntax of a template, as written in files. */
    public enum Format {
        /** {@code {name}} (default). */
        braces,
        /** {@code {{name}}}, Mustache. */
        mustache;

        TemplateFormat format() {
            return this == mustache ? TemplateFormat.MUSTACHE : TemplateFormat.BRACES;
        }
    }

    /** Role of one chat prompt part. */
    public enum Role { system, user, ai, placeholder }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private abstract static class PromptType<S> extends AbstractComponentType<S, Runnable<Map<String, Object>, PromptValue>> {
        PromptType(String type, Class<S> spec, String description) {
            super("Prompt", type, spec, (Class) Runnable.class, description);
        }
    }

    /**
     * {@code type: text}.
     *
     * @param template       the template text
     * @param format         variable syntax (default braces)
     * @param inputVariables the variables, checked against the template when given
     * @param partials       fixed values of some variables
     */
    public record TextSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("Template text, e.g. 'Summarize {text}'") String template,
            @JsonPropertyDescription("Variable syntax: braces {x} (default) or mustache {{x}}") Format format,
            @JsonPropertyDescription("The template's variables; checked against the text when given") List<String> inputVariables,
            @JsonPropertyDescription("Fixed values of some variables") Map<String, String> partials) {
        public TextSpec {
            inputVariables = inputVariables == null ? null : List.copyOf(inputVariables);
            partials = partials == null ? null : Map.copyOf(partials);
        }
    }

    /** A single text template. */
    public static final class Text extends PromptType<TextSpec> {
        public Text() { super("text", TextSpec.class, "A text prompt template"); }

        @Override public Runnable<Map<String, Object>, PromptValue> create(TextSpec s, ComponentContext ctx) {
            PromptTemplate.Builder b = PromptTemplate.builder().template(s.template());
            if (s.format() != null) b.format(s.format().format());
            if (s.inputVariables() != null) b.inputVariables(s.inputVariables().toArray(String[]::new));
            if (s.partials() != null) s.partials().forEach(b::partial);
            return b.build();
        }
    }

    /**
     * One part of a chat prompt: a message template or a placeholder for a list of messages.
     *
     * @param role     system, user, ai, or placeholder
     * @param text     the message template (not for placeholders)
     * @param name     the variable holding the messages (placeholders only)
     * @param optional whether a placeholder may be missing (default false)
     */
    public record MessageSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("system, user, ai, or placeholder (a list of messages, e.g. history)") Role role,
            @JsonPropertyDescription("Message template (system, user, ai)") String text,
            @JsonPropertyDescription("Variable holding the messages (placeholder)") String name,
            @JsonPropertyDescription("Whether the placeholder may be missing (default false)") Boolean optional) {
        public MessageSpec {
            if (role == Role.placeholder) {
                if (name == null || name.isBlank()) throw new IllegalArgumentException("a placeholder needs 'name' (the variable holding the messages)");
                if (text != null) throw new IllegalArgumentException("a placeholder has no 'text'; use 'name'");
            } else if (role != null) {
                if (text == null) throw new IllegalArgumentException("a " + role + " message needs 'text'");
                if (name != null || optional != null) throw new IllegalArgumentException("'name' and 'optional' are for placeholders only");
            }
        }
    }

    /**
     * {@code type: chat}.
     *
     * @param messages the parts, in order
     * @param format   variable syntax (default braces)
     * @param partials fixed values of some variables
     */
    public record ChatSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("Messages and placeholders, in order") List<MessageSpec> messages,
            @JsonPropertyDescription("Variable syntax: braces {x} (default) or mustache {{x}}") Format format,
            @JsonPropertyDescription("Fixed values of some variables") Map<String, String> partials) {
        public ChatSpec {
            if (messages != null && messages.isEmpty()) throw new IllegalArgumentException("messages must list at least one message");
            messages = messages == null ? null : List.copyOf(messages);
            partials = partials == null ? null : Map.copyOf(partials);
        }
    }

    /** A chat template: system/user/ai messages and placeholders such as the history. */
    public static final class Chat extends PromptType<ChatSpec> {
        public Chat() { super("chat", ChatSpec.class, "A chat prompt: messages and message placeholders"); }

        @Override public Runnable<Map<String, Object>, PromptValue> create(ChatSpec s, ComponentContext ctx) {
            ChatPromptTemplate.Builder b = ChatPromptTemplate.builder();
            if (s.format() != null) b.format(s.format().format());
            for (MessageSpec m : s.messages()) {
                if (m.role() == Role.placeholder) {
                    if (Boolean.TRUE.equals(m.optional())) b.optionalPlaceholder(m.name()); else b.placeholder(m.name());
                } else {
                    b.message(m.role().name(), m.text());
                }
            }
            if (s.partials() != null) s.partials().forEach(b::partial);
            return b.build();
        }
    }

    /**
     * {@code type: few-shot}.
     *
     * @param prefix        text before the examples
     * @param examplePrompt template of one example, over the example's keys
     * @param examples      the examples
     * @param suffix        text after the examples, usually with the input variables
     * @param separator     between parts (default a blank line)
     */
    public record FewShotSpec(
            @JsonPropertyDescription("Text before the examples") String prefix,
            @JsonProperty(required = true) @JsonPropertyDescription("Template of one example, e.g. 'Q: {q}\\nA: {a}'") String examplePrompt,
            @JsonProperty(required = true) @JsonPropertyDescription("The examples: mappings of the example prompt's variables") List<Map<String, String>> examples,
            @JsonProperty(required = true) @JsonPropertyDescription("Text after the examples, with the input variables") String suffix,
            @JsonPropertyDescription("Between prefix, examples and suffix (default a blank line)") String separator) {
        public FewShotSpec {
            examples = examples == null ? null : examples.stream().map(Map::copyOf).toList();
        }
    }

    /** Instructions, fixed examples and the question. */
    public static final class FewShot extends PromptType<FewShotSpec> {
        public FewShot() { super("few-shot", FewShotSpec.class, "A few-shot prompt: prefix, formatted examples, suffix"); }

        @Override public Runnable<Map<String, Object>, PromptValue> create(FewShotSpec s, ComponentContext ctx) {
            FewShotPromptTemplate.Builder b = FewShotPromptTemplate.builder()
                    .examplePrompt(s.examplePrompt()).examples(s.examples()).suffix(s.suffix());
            if (s.prefix() != null) b.prefix(s.prefix());
            if (s.separator() != null) b.separator(s.separator());
            return b.build();
        }
    }
}
