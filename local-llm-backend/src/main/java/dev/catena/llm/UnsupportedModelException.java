package dev.catena.llm;

/**
 * A well-formed model uses something this runtime does not support: an unknown tensor type, an
 * architecture without an implementation, a tokenizer kind it cannot read. The message names the file
 * and the field.
 */
public class UnsupportedModelException extends RuntimeException {

    public UnsupportedModelException(String message) {
        super(message);
    }

    public UnsupportedModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
