package dev.catena.llm.constraint.mask;

import java.util.Arrays;

/** The tokens allowed at one step, as a bitset over the vocabulary. Immutable. */
public final class TokenMask {

    private final long[] words;
    private final int size;
    private final int count;

    /** @param words bit {@code t} set for each allowed token {@code t} (taken, not copied) */
    TokenMask(long[] words, int size) {
        this.words = words;
        this.size = size;
        int c = 0;
        for (long w : words) {
            c += Long.bitCount(w);
        }
        this.count = c;
    }

    /** A mask of the given allowed tokens over a vocabulary of {@code size}. */
    public static TokenMask of(int size, int... allowed) {
        long[] w = new long[(size + 63) >>> 6];
        for (int t : allowed) {
            w[t >>> 6] |= 1L << t;
        }
        return new TokenMask(w, size);
    }

    public boolean allows(int token) {
        return token >= 0 && token < size && (words[token >>> 6] >>> token & 1) != 0;
    }

    /** How many tokens are allowed. */
    public int count() {
        return count;
    }

    /** The vocabulary size. */
    public int size() {
        return size;
    }

    /** Sets every disallowed entry of {@code logits} (entries past the vocabulary too) to negative infinity. */
    public void apply(float[] logits) {
        int n = logits.length;
        for (int w = 0; w < words.length; w++) {
            long bits = words[w];
            if (bits == -1L) {
                continue;
            }
            int base = w << 6;
            int end = Math.min(base + 64, n);
            if (bits == 0) {
                if (base < end) {
                    Arrays.fill(logits, base, end, Float.NEGATIVE_INFINITY);
                }
                continue;
            }
            for (int t = base; t < end; t++) {
                if ((bits >>> (t - base) & 1) == 0) {
                    logits[t] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        if (n > size) {
            Arrays.fill(logits, size, n, Float.NEGATIVE_INFINITY);
        }
    }

    @Override
    public String toString() {
        return "TokenMask[" + count + " of " + size + "]";
    }
}
