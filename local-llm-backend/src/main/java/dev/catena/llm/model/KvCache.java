package dev.catena.llm.model;

import java.util.Arrays;

/**
 * Keys and values of every position processed so far, per layer, for one conversation, stored as
 * {@link KvCacheType F32, F16 or Q8_0}. Storage grows on demand up to the context length, so a large
 * context costs memory only when used. The cache also keeps the logits and the working buffers of
 * generation steps ({@link ForwardState}), so that generating a token allocates nothing. Not thread-safe.
 */
public final class KvCache {

    /** Batches up to this size use the cache's own working buffers; larger (prompt) batches the model's. */
    static final int SMALL_BATCH = 8;

    private final int layers;
    private final int kvDim;
    private final int headDim;
    private final int contextLength;
    private final KvCacheType type;
    // per layer, position-major rows of kvDim values; only the arrays of the chosen type are used
    private final float[][] keysF32;
    private final float[][] valuesF32;
    private final short[][] keysF16;
    private final short[][] valuesF16;
    private final byte[][] keysQ8;
    private final byte[][] valuesQ8;
    private final float[][] keyScales;
    private final float[][] valueScales;
    private int capacity;
    private int length;
    private ForwardState small;
    private float[] logits;

    /** An F32 cache. @param contextLength the most positions this cache will hold */
    public KvCache(ModelConfig config, int contextLength) {
        this(config, contextLength, KvCacheType.F32);
    }

    /**
     * @param contextLength the most positions this cache will hold
     * @throws IllegalArgumentException for a non-positive context, or Q8_0 with a head width that is not
     *                                  a multiple of 32
     */
    public KvCache(ModelConfig config, int contextLength, KvCacheType type) {
        if (contextLength < 1) {
            throw new IllegalArgumentException("contextLength must be positive, got " + contextLength);
        }
        if (type == KvCacheType.Q8_0 && config.headDim() % KvCacheType.Q8_BLOCK != 0) {
            throw new IllegalArgumentException("KV cache type q8_0 needs a head width that is a multiple of "
                    + KvCacheType.Q8_BLOCK + "; this model's is " + config.headDim() + " (use f16 or f32)");
        }
        this.layers = config.layers();
        this.kvDim = config.kvDim();
        this.headDim = config.headDim();
        this.contextLength = contextLength;
        this.type = java.util.Objects.requireNonNull(type, "type");
        this.keysF32 = new float[layers][];
        this.valuesF32 = new float[layers][];
        this.keysF16 = new short[layers][];
        this.valuesF16 = new short[layers][];
        this.keysQ8 = new byte[layers][];
        this.valuesQ8 = new byte[layers][];
        this.keyScales = new float[layers][];
        this.valueScales = new float[layers][];
        ensureCapacity(Math.min(contextLength, 256));
    }

    /** The most positions this cache holds. */
    public int contextLength() {
        return contextLength;
    }

    public KvCacheType type() {
        return type;
    }

    /** Positions stored (the next token goes at this position). */
    public int length() {
        return length;
    }

    /** Bytes of key and value storage allocated now (it grows with the positions stored). */
    public long storageBytes() {
        return (long) Math.ceil(2.0 * layers * capacity * kvDim * type.bytesPerValue());
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
        int values = newCapacity * kvDim;
        for (int l = 0; l < layers; l++) {
            switch (type) {
                case F32 -> {
                    keysF32[l] = keysF32[l] == null ? new float[values] : Arrays.copyOf(keysF32[l], values);
                    valuesF32[l] = valuesF32[l] == null ? new float[values] : Arrays.copyOf(valuesF32[l], values);
                }
                case F16 -> {
                    keysF16[l] = keysF16[l] == null ? new short[values] : Arrays.copyOf(keysF16[l], values);
                    valuesF16[l] = valuesF16[l] == null ? new short[values] : Arrays.copyOf(valuesF16[l], values);
                }
                case Q8_0 -> {
                    int blocks = values / KvCacheType.Q8_BLOCK;
                    keysQ8[l] = keysQ8[l] == null ? new byte[values] : Arrays.copyOf(keysQ8[l], values);
                    valuesQ8[l] = valuesQ8[l] == null ? new byte[values] : Arrays.copyOf(valuesQ8[l], values);
                    keyScales[l] = keyScales[l] == null ? new float[blocks] : Arrays.copyOf(keyScales[l], blocks);
                    valueScales[l] = valueScales[l] == null ? new float[blocks] : Arrays.copyOf(valueScales[l], blocks);
                }
            }
        }
        capacity = newCapacity;
    }

    /** Stores the key and value rows (all KV heads) of position {@code pos} of {@code layer}. */
    void write(int layer, int pos, float[] key, float[] value) {
        int off = pos * kvDim;
        switch (type) {
            case F32 -> {
                System.arraycopy(key, 0, keysF32[layer], off, kvDim);
                System.arraycopy(value, 0, valuesF32[layer], off, kvDim);
            }
            case F16 -> {
                toF16(key, keysF16[layer], off, kvDim);
                toF16(value, valuesF16[layer], off, kvDim);
            }
            case Q8_0 -> {
                toQ8(key, keysQ8[layer], keyScales[layer], off, kvDim);
                toQ8(value, valuesQ8[layer], valueScales[layer], off, kvDim);
            }
        }
    }

    /** Decodes the keys of head {@code kvHead} at positions [start, start + count) into {@code dst}, row after row. */
    void readKeys(int layer, int kvHead, int start, int count, float[] dst) {
        read(keysF32[layer], keysF16[layer], keysQ8[layer], keyScales[layer], kvHead, start, count, dst);
    }

    /** Decodes the values of head {@code kvHead} at positions [start, start + count) into {@code dst}, row after row. */
    void readValues(int layer, int kvHead, int start, int count, float[] dst) {
        read(valuesF32[layer], valuesF16[layer], valuesQ8[layer], valueScales[layer], kvHead, start, count, dst);
    }

    private void read(float[] f32, short[] f16, byte[] q8, float[] scales, int kvHead, int start, int count, float[] dst) {
        for (int j = 0; j < count; j++) {
            int src = (start + j) * kvDim + kvHead * headDim;
            int to = j * headDim;
            switch (type) {
                case F32 -> System.arraycopy(f32, src, dst, to, headDim);
                case F16 -> {
                    for (int d = 0; d < headDim; d++) {
                        dst[to + d] = Float.float16ToFloat(f16[src + d]);
                    }
                }
                case Q8_0 -> {
                    for (int b = 0; b < headDim; b += KvCacheType.Q8_BLOCK) {
                        float scale = scales[(src + b) / KvCacheType.Q8_BLOCK];
                        for (int d = b; d < b + KvCacheType.Q8_BLOCK; d++) {
                            dst[to + d] = q8[src + d] * scale;
                        }
                    }
                }
            }
        }
    }

    private static void toF16(float[] src, short[] dst, int off, int n) {
        for (int i = 0; i < n; i++) {
            dst[off + i] = Float.floatToFloat16(src[i]);
        }
    }

    /** Q8_0 as ggml quantizes it: per block, scale = max |x| / 127 and x / scale rounded to the nearest. */
    private static void toQ8(float[] src, byte[] dst, float[] scales, int off, int n) {
        for (int b = 0; b < n; b += KvCacheType.Q8_BLOCK) {
            float amax = 0f;
            for (int i = b; i < b + KvCacheType.Q8_BLOCK; i++) {
                amax = Math.max(amax, Math.abs(src[i]));
            }
            float scale = amax / 127f;
            float inv = scale == 0f ? 0f : 1f / scale;
            for (int i = b; i < b + KvCacheType.Q8_BLOCK; i++) {
                dst[off + i] = (byte) Math.round(src[i] * inv);
            }
            scales[(off + b) / KvCacheType.Q8_BLOCK] = scale;
        }
    }

    /** Working buffers for batches of up to {@link #SMALL_BATCH} tokens, set to {@code batch} rows. */
    ForwardState smallState(ModelConfig config, int batch) {
        if (small == null) {
            small = new ForwardState(config, SMALL_BATCH);
        }
        return small.use(batch);
    }

    /** The buffer {@link Transformer#forwardLast} returns the logits in. */
    float[] logits(int vocabulary) {
        if (logits == null) {
            logits = new float[vocabulary];
        }
        return logits;
    }

    void setLength(int length) {
        this.length = length;
    }
}
