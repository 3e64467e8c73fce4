package dev.catena.llm.template;

import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.gguf.GgufValueType;
import dev.catena.llm.tokenizer.Tokenizer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Chooses a model's chat template: the GGUF's {@code tokenizer.chat_template} (and its
 * {@code tokenizer.chat_template.tool_use} when tools are given, see {@link ToolUseChatTemplate}), or, when the file has none, a
 * built-in format chosen by {@code general.architecture}: Gemma turns for {@code gemma*}, Llama 3 headers for
 * {@code llama} with Llama 3 tokens, else ChatML. The built-ins are Jinja resources rendered by the same engine
 * ({@code gemma3.jinja} and {@code llama3.jinja} are Google's and Meta's published templates).
 */
public final class ChatTemplates {

    static final String KEY = "tokenizer.chat_template";
    /** A second, named template used when tools are given (transformers' {@code tool_use} template). */
    static final String TOOL_USE_KEY = "tokenizer.chat_template.tool_use";

    /** The built-in formats. */
    public enum Builtin {
        GEMMA("gemma3.jinja"), LLAMA3("llama3.jinja"), CHATML("chatml.jinja"),
        /** "User: / Assistant:" plain text, for base models that never learned turn markers; stops at the next "User:". */
        TRANSCRIPT("transcript.jinja");

        private final String resource;

        Builtin(String resource) {
            this.resource = resource;
        }

        /** The Jinja text of this format. */
        public String text() {
            try (InputStream in = ChatTemplates.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in chat template " + resource + " missing from the classpath");
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private ChatTemplates() {
    }

    static ChatTemplate fromGguf(GgufMetadata metadata, Tokenizer tokenizer) {
        String bos = tokenText(tokenizer, tokenizer.bosToken());
        String eos = tokenText(tokenizer, tokenizer.eosToken());
        var text = metadata.findString(KEY);
        var toolUse = metadata.findString(TOOL_USE_KEY).filter(t -> !t.isBlank());
        if (text.isPresent() && !text.get().isBlank()) {
            ChatTemplate standard = JinjaChatTemplate.of(metadata.source() + ": " + KEY, text.get(), bos, eos);
            return toolUse.<ChatTemplate>map(t -> new ToolUseChatTemplate(standard,
                    JinjaChatTemplate.of(metadata.source() + ": " + TOOL_USE_KEY, t, bos, eos))).orElse(standard);
        }
        Builtin builtin = fallback(metadata);
        return JinjaChatTemplate.of("built-in " + builtin.name().toLowerCase(Locale.ROOT) + " chat template (" + metadata.source()
                + " has no " + KEY + ")", builtin.text(), bos, eos);
    }

    /**
     * A built-in format chosen by name ({@code gemma}, {@code llama3}, {@code chatml}, {@code transcript}) for
     * a model whose own template is missing or unsuitable (a base model).
     *
     * @throws IllegalArgumentException for another name
     */
    public static ChatTemplate builtin(String name, Tokenizer tokenizer) {
        Builtin builtin;
        try {
            builtin = Builtin.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown chat template '" + name + "'; built-in ones are "
                    + java.util.Arrays.stream(Builtin.values()).map(b -> b.name().toLowerCase(Locale.ROOT)).toList(), e);
        }
        String bos = tokenText(tokenizer, tokenizer.bosToken());
        String eos = tokenText(tokenizer, tokenizer.eosToken());
        var template = JinjaChatTemplate.builder("built-in " + builtin.name().toLowerCase(Locale.ROOT) + " chat template", builtin.text())
                .bosToken(bos).eosToken(eos);
        if (builtin == Builtin.TRANSCRIPT) {
            template.stopStrings(eos.isEmpty() ? List.of("\nUser:") : List.of("\nUser:", eos));
        }
        return template.build();
    }

    /** The built-in format for a file without a template. */
    static Builtin fallback(GgufMetadata metadata) {
        String arch = metadata.findString("general.architecture").orElse("");
        if (arch.startsWith("gemma")) {
            return Builtin.GEMMA;
        }
        if (arch.equals("llama") && hasLlama3Tokens(metadata)) {
            return Builtin.LLAMA3;
        }
        return Builtin.CHATML;
    }

    private static boolean hasLlama3Tokens(GgufMetadata metadata) {
        String key = "tokenizer.ggml.tokens";
        if (metadata.arrayElementType(key).orElse(null) != GgufValueType.STRING) {
            return false;
        }
        var tokens = metadata.getStringArray(key);
        return tokens.contains("<|start_header_id|>") && tokens.contains("<|eot_id|>");
    }

    private static String tokenText(Tokenizer tokenizer, int token) {
        return token >= 0 && token < tokenizer.vocabularySize() ? tokenizer.tokenText(token) : "";
    }
}
