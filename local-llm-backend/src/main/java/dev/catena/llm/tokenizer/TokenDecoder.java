package dev.catena.llm.tokenizer;

/**
 * Turns a stream of token ids into text, one token at a time, without ever splitting a UTF-8
 * character: a token that ends in the middle of a multi-byte character yields {@code ""} until the
 * token that completes it arrives. One decoder per generation; not thread-safe.
 */
public interface TokenDecoder {

    /** Appends one token and returns the text it completes (possibly empty). */
    String append(int token);

    /** Returns what is still buffered (an incomplete character becomes U+FFFD) and resets the decoder. */
    String flush();
}
