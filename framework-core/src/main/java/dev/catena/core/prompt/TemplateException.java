package dev.catena.core.prompt;

/** A template is malformed, or its variables do not match what was declared or given. */
public class TemplateException extends IllegalArgumentException {
    public TemplateException(String message) {
        super(message);
    }

    public TemplateException(String message, Throwable cause) {
        super(message, cause);
    }
}
