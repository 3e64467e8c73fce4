package dev.catena.llm.model;

/** Receives generated tokens as they come. */
@FunctionalInterface
public interface TokenListener {

    /**
     * Called once per generated token.
     *
     * @param token the token id
     * @param text  the text that can be shown now (may be empty: a partial UTF-8 character or a possible
     *              stop string is held back until it is resolved)
     */
    void onToken(int token, String text);

    /** A listener that ignores everything. */
    static TokenListener none() {
        return (token, text) -> { };
    }
}
