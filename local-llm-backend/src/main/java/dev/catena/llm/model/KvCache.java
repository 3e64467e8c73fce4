package dev.catena.llm.model;

import java.util.Arrays;

/**
 * Keys and values of every position processed so far, per layer, for one conversation. Storage grows
 * on demand up to the context length, so a large context costs memory only when used. Not thread-safe.
 */
public final class KvCache {

    private final int layers;
    private final int kvDim;
    private final int contextLength;
    private final float[][] keys;
    private final float[][] values;
    private int capacity;
    private int length;

    /** @param contextLength the most positions this cache will hold */
    public KvCache(ModelConfig config, int contextLength) {
        if (contextLength < 1) {
            throw new IllegalArgumentException("contextLength must be positive, got " + contextLength);
        }
        this.layers = config.layers();
        this.kvDim = config.kvDim();
        this.contextLength = contextLength;
        this.keys = new float[layers][];
        this.values = new float[layers][];
        this.capacity = 0;
        ensureCapacity(Math.min(contextLength, 256));
    }

    /** The most positions this cache holds. */
    public int contextLength() {
        return contextLength;
    }

    /** Positions stored (the next token goes at this position). */
    public int length() {
        return length;
    }

    /** Forgets positions from {@code newLength} on (e.g. to reuse a common prompt prefix). */
    public void truncate(int newLength) {
        if (newLength < 0 || newLength > length) {
            throw new IllegalArgumentException("cannot truncate a cache of " + length + " positions to " + newLength);
        }
        length = newLength;
    }

    void ensureCapacity(int positions) {
        if (positions > contextLength) {
            throw new ContextLengthExceededException(positions, contextLength, "KV cache full");
        }
        if (positions <= capacity) {
            return;
        }
        int newCapacity = Math.min(contextLength, Math.max(positions, capacity * 2));
        for (int l = 0; l < layers; l++) {
            keys[l] = keys[l] == null ? new float[newCapacity * kvDim] : Arrays.copyOf(keys[l], newCapacity * kvDim);
            values[l] = values[l] == null ? new float[newCapacity * kvDim] : Arrays.copyOf(values[l], newCapacity * kvDim);
        }
        capacity = newCapacity;
    }

    float[] keys(int layer) {
        return keys[layer];
    }

    float[] values(int layer) {
        return values[layer];
    }

    void setLength(int length) {
        this.length = length;
    }
}
