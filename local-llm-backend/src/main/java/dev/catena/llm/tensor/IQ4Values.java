package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/**
 * The non-linear 4-bit code book shared by IQ4_NL and IQ4_XS: a 4-bit index selects one of 16 signed
 * values spaced closer near zero, where most weights are; ggml's {@code kvalues_iq4nl}.
 */
public final class IQ4Values {

    private static final float[] VALUES = {-127, -104, -83, -65, -49, -35, -22, -10, 1, 13, 25, 38, 53, 69, 89, 113};

    private IQ4Values() {
    }

    /** The 16 code-book values as signed bytes, in index order (a fresh copy), for integer kernels. */
    public static byte[] bytes() {
        byte[] out = new byte[VALUES.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) VALUES[i];
        }
        return out;
    }

    /**
     * Decodes 32 elements from the 16 bytes at {@code q} (byte j: element j in its low nibble, element
     * j + 16 in its high one), each its code-book value times {@code scale}.
     */
    static void decode32(MemorySegment data, long q, float scale, float[] out, int p) {
        for (int j = 0; j < 16; j++) {
            int b = Bytes.u8(data, q + j);
            out[p + j] = scale * VALUES[b & 0x0F];
            out[p + j + 16] = scale * VALUES[b >>> 4];
        }
    }

    /** {@code sum_j value(j) * x[xo + j]} over the 32 code-book values at {@code q}, laid out as in {@link #decode32}. */
    static float dot32(MemorySegment data, long q, float[] x, int xo) {
        float lo = 0f;
        float hi = 0f;
        for (int j = 0; j < 16; j++) {
            int b = Bytes.u8(data, q + j);
            lo += VALUES[b & 0x0F] * x[xo + j];
            hi += VALUES[b >>> 4] * x[xo + j + 16];
        }
        return lo + hi;
    }
}
