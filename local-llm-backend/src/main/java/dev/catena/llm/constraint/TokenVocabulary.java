package dev.catena.llm.constraint;

import dev.catena.llm.constraint.mask.TokenTrie;
import dev.catena.llm.tokenizer.Tokenizer;

import java.util.Map;
import java.util.WeakHashMap;
import java.util.stream.IntStream;

/**
 * What constrained decoding needs of a tokenizer, computed once per tokenizer and shared: each token's text
 * bytes, their trie, the end-of-generation tokens and which single bytes have a token of their own.
 */
public final class TokenVocabulary {

    private static final Map<Tokenizer, TokenVocabulary> CACHE = new WeakHashMap<>();

    private final int size;
    private final byte[][] bytes;
    private final TokenTrie trie;
    private final int[] endTokens;
    private final boolean[] singleByte = new boolean[256];

    private TokenVocabulary(byte[][] bytes, int[] endTokens) {
        this.size = bytes.length;
        this.bytes = bytes;
        for (byte[] b : bytes) {
            if (b != null && b.length == 1) {
                singleByte[b[0] & 0xFF] = true;
            }
        }
        this.trie = new TokenTrie(bytes);
        this.endTokens = endTokens;
    }

    private static TokenVocabulary build(Tokenizer tokenizer) {
        int size = tokenizer.vocabularySize();
        byte[][] bytes = new byte[size][];
        for (int t = 0; t < size; t++) {
            bytes[t] = tokenizer.textBytes(t);
        }
        return new TokenVocabulary(bytes, IntStream.range(0, size).filter(tokenizer::isEndOfGeneration).toArray());
    }

    /**
     * A vocabulary given directly.
     *
     * @param tokenBytes each token's text bytes, {@code null} for a token that is not text
     * @param endTokens  the tokens that end generation
     */
    public static TokenVocabulary of(byte[][] tokenBytes, int... endTokens) {
        byte[][] copy = new byte[tokenBytes.length][];
        for (int t = 0; t < copy.length; t++) {
            copy[t] = tokenBytes[t] == null ? null : tokenBytes[t].clone();
        }
        for (int e : endTokens) {
            if (e < 0 || e >= copy.length) {
                throw new IllegalArgumentException("end token " + e + " is outside the vocabulary of " + copy.length);
            }
        }
        return new TokenVocabulary(copy, endTokens.clone());
    }

    /** The vocabulary of a tokenizer (built on first use, then cached while the tokenizer lives). */
    public static TokenVocabulary of(Tokenizer tokenizer) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(tokenizer, TokenVocabulary::build);
        }
    }

    public int size() {
        return size;
    }

    /** The text bytes of a token, or {@code null} when it is not text. */
    public byte[] bytes(int token) {
        byte[] b = bytes[token];
        return b == null ? null : b.clone();
    }

    byte[] bytesShared(int token) {
        return bytes[token];
    }

    public TokenTrie trie() {
        return trie;
    }

    public int[] endTokens() {
        return endTokens.clone();
    }

    int[] endTokensShared() {
        return endTokens;
    }

    public boolean isEnd(int token) {
        for (int t : endTokens) {
            if (t == token) {
                return true;
            }
        }
        return false;
    }

    /** Whether some token is exactly this one byte. */
    public boolean hasSingleByteToken(int b) {
        return singleByte[b];
    }
}
