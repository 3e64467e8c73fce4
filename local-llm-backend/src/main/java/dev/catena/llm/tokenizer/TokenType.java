package dev.catena.llm.tokenizer;

/** The kind of a vocabulary entry, as GGUF stores it in {@code tokenizer.ggml.token_type}. */
public enum TokenType {
    /** An ordinary piece of text. */
    NORMAL,
    /** The unknown-token placeholder. */
    UNKNOWN,
    /** A control token (BOS, EOS, turn markers): never produced from plain text. */
    CONTROL,
    /** A user-defined piece, always matched as a whole in the input text. */
    USER_DEFINED,
    /** A reserved, unused entry. */
    UNUSED,
    /** One raw byte ({@code <0x0A>}), used for byte fallback. */
    BYTE;

    /**
     * Maps the GGUF code (1..6; 0 is treated as normal).
     *
     * @throws IllegalArgumentException for another code
     */
    public static TokenType fromCode(int code) {
        return switch (code) {
            case 0, 1 -> NORMAL;
            case 2 -> UNKNOWN;
            case 3 -> CONTROL;
            case 4 -> USER_DEFINED;
            case 5 -> UNUSED;
            case 6 -> BYTE;
            default -> throw new IllegalArgumentException("unknown token type code " + code);
        };
    }

    /** Whether this kind of token is matched as a whole in input text (control ones only when asked). */
    boolean isSpecial() {
        return this == CONTROL || this == USER_DEFINED;
    }
}
