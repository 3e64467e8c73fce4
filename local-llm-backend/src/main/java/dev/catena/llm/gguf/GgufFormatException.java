package dev.catena.llm.gguf;

/**
 * A GGUF file is malformed: truncated, inconsistent or outside the limits of the format. The message
 * names the file and the field or tensor that was wrong, and what was expected.
 */
public class GgufFormatException extends RuntimeException {

    public GgufFormatException(String message) {
        super(message);
    }

    public GgufFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
