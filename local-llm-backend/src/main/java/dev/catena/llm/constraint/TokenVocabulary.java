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

    private TokenVocabulary(Tokenizer tokenizer) {
        this.size = tokenizer.vocabularySize();
        this.bytes = new byte[size][];
        for (int t = 0; t < size; t++) {
            bytes[t] = tokenizer.textBytes(t);
            if (bytes[t] != null && bytes[t].length == 1) {
                singleByte[bytes[t][0] & 0xFF] = true;
            }
        }
        this.trie = new TokenTrie(bytes);
        this.endTokens = IntStream.range(0, size).filter(tokenizer::isEndOfGeneration).toArray();
    }

    /** The vocabulary of a tokenizer (built on first use, then cached while the tokenizer lives). */
    public static TokenVocabulary of(Tokenizer tokenizer) {
        synchronized (CACHE) {
            return CACHE.computeIfAbsent(tokenizer, TokenVocabulary::new);
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
