package dev.catena.llm.template;

/**
 * A chat template could not be parsed or rendered: a syntax error, an unsupported construct, a
 * {@code raise_exception(...)} call of the template itself, or a sandbox limit (steps, time, output size,
 * recursion, file or include access). The message names the template's source (e.g. the GGUF file and
 * {@code tokenizer.chat_template}) and, where known, the line.
 */
public final class ChatTemplateException extends RuntimeException {

    private final String source;

    public ChatTemplateException(String source, String message) {
        super(source + ": " + message);
        this.source = source;
    }

    public ChatTemplateException(String source, String message, Throwable cause) {
        super(source + ": " + message, cause);
        this.source = source;
    }

    /** Where the template came from, e.g. {@code model.gguf: tokenizer.chat_template}. */
    public String source() {
        return source;
    }
}
