package dev.catena.llm.model;

/** The prompt plus the tokens to generate do not fit in the context window. */
public class ContextLengthExceededException extends RuntimeException {

    private final int required;
    private final int contextLength;

    public ContextLengthExceededException(int required, int contextLength, String detail) {
        super(detail + ": " + required + " tokens needed, the context holds " + contextLength);
        this.required = required;
        this.contextLength = contextLength;
    }

    /** Tokens that would be needed. */
    public int required() {
        return required;
    }

    /** The context length in force. */
    public int contextLength() {
        return contextLength;
    }
}
