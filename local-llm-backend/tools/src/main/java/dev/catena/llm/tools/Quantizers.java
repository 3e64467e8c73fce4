package dev.catena.llm.tools;

import dev.catena.llm.tensor.GgmlType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float-to-storage conversion for the types a writer can produce: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0,
 * Q5_1, Q4_K, Q5_K and Q6_K. The arithmetic of the first eight follows gguf-py's {@code gguf.quants}
 * (float32 throughout, round-to-nearest-even fp16 conversion), so the bytes are identical to what gguf-py
 * writes for the same input; the K-quants follow llama.cpp's reference quantizers ({@link KQuantizer}),
 * which gguf-py lacks.
 */
public final class Quantizers {

    private Quantizers() {
    }

    /** Whether {@link #quantize} can produce this type. */
    public static boolean canQuantize(GgmlType type) {
        return switch (type) {
            case F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K -> true;
            default -> false;
        };
    }

    /**
     * The bytes of {@code values} stored as {@code type}, little-endian.
     *
     * @throws IllegalArgumentException when the type cannot be produced, the length is not a whole number
     *                                  of blocks, or a quantized type is asked for non-finite values
     */
    public static byte[] quantize(GgmlType type, float[] values) {
        if (!canQuantize(type)) {
            throw new IllegalArgumentException("cannot quantize to " + type + "; supported: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q4_K, Q5_K, Q6_K");
        }
        if (values.length % type.blockSize() != 0) {
            throw new IllegalArgumentException(values.length + " values are not a whole number of " + type
                    + " blocks of " + type.blockSize());
        }
        ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(type.byteSize(values.length))).order(ByteOrder.LITTLE_ENDIAN);
        switch (type) {
            case F32 -> out.asFloatBuffer().put(values);
            case F16 -> {
                for (float v : values) {
                    out.putShort(Float.floatToFloat16(v));
                }
            }
            case BF16 -> {
                for (float v : values) {
                    out.putShort(bf16(v));
                }
            }
            case Q8_0 -> {
                requireFinite(type, values);
                for (int b = 0; b < values.length; b += 32) {
                    q8_0(values, b, out);
                }
            }
            case Q4_0, Q5_0 -> {
                requireFinite(type, values);
                for (int b = 0; b < values.length; b += 32) {
                    symmetric(values, b, type == GgmlType.Q4_0 ? 4 : 5, out);
                }
            }
            case Q4_1, Q5_1 -> {
                requireFinite(type, values);
                for (int b = 0; b < values.length; b += 32) {
                    withMinimum(values, b, type == GgmlType.Q4_1 ? 4 : 5, out);
                }
            }
            case Q4_K, Q5_K -> {
                requireFinite(type, values);
                KQuantizer k = new KQuantizer();
                for (int b = 0; b < values.length; b += KQuantizer.QK) {
                    k.asymmetric(values, b, type == GgmlType.Q4_K ? 4 : 5, out);
                }
            }
            case Q6_K -> {
                requireFinite(type, values);
                KQuantizer k = new KQuantizer();
                for (int b = 0; b < values.length; b += KQuantizer.QK) {
                    k.q6K(values, b, out);
                }
            }
            default -> throw new AssertionError(type);
        }
        return out.array();
    }

    /** Round to nearest even; NaN stays a (quiet) NaN. */
    private static short bf16(float v) {
        int n = Float.floatToRawIntBits(v);
        if ((n & 0x7fffffff) > 0x7f800000) {
            return (short) (((n & 0xffff0000) | (64 << 16)) >>> 16);
        }
        long rounded = (Integer.toUnsignedLong(n) + 0x7fff + ((n >>> 16) & 1)) >>> 16;
        return (short) rounded;
    }

    /** d = max|x| / 127, q = round-half-away(x / d). */
    private static void q8_0(float[] x, int from, ByteBuffer out) {
        float amax = 0f;
        for (int j = 0; j < 32; j++) {
            amax = Math.max(amax, Math.abs(x[from + j]));
        }
        float d = amax / 127f;
        float id = d == 0f ? 0f : 1f / d;
        out.putShort(Float.floatToFloat16(d));
        for (int j = 0; j < 32; j++) {
            out.put((byte) roundHalfAway(x[from + j] * id));
        }
    }

    /**
     * Q4_0 and Q5_0: d = (the value of largest magnitude) / -2^(bits-1),
     * q = min(trunc(x / d + 2^(bits-1) + 0.5), 2^bits - 1).
     */
    private static void symmetric(float[] x, int from, int bits, ByteBuffer out) {
        float max = 0f;
        float amax = -1f;
        for (int j = 0; j < 32; j++) {
            float a = Math.abs(x[from + j]);
            if (a > amax) {
                amax = a;
                max = x[from + j];
            }
        }
        float half = 1 << (bits - 1);
        float d = max / -half;
        float id = d == 0f ? 0f : 1f / d;
        int[] q = new int[32];
        for (int j = 0; j < 32; j++) {
            q[j] = Math.min((1 << bits) - 1, (int) (x[from + j] * id + (half + 0.5f)));
        }
        out.putShort(Float.floatToFloat16(d));
        pack(q, bits, out);
    }

    /** Q4_1 and Q5_1: d = (max - min) / (2^bits - 1), m = min, q = min(trunc((x - min) / d + 0.5), 2^bits - 1). */
    private static void withMinimum(float[] x, int from, int bits, ByteBuffer out) {
        float max = x[from];
        float min = x[from];
        for (int j = 1; j < 32; j++) {
            max = Math.max(max, x[from + j]);
            min = Math.min(min, x[from + j]);
        }
        int top = (1 << bits) - 1;
        float d = (max - min) / top;
        float id = d == 0f ? 0f : 1f / d;
        int[] q = new int[32];
        for (int j = 0; j < 32; j++) {
            q[j] = Math.min(top, (int) ((x[from + j] - min) * id + 0.5f));
        }
        out.putShort(Float.floatToFloat16(d));
        out.putShort(Float.floatToFloat16(min));
        pack(q, bits, out);
    }

    /** Low nibbles of elements j and j + 16 share byte j; for 5 bits, bit 4 of element j is bit j of a 32-bit word first. */
    private static void pack(int[] q, int bits, ByteBuffer out) {
        if (bits == 5) {
            int qh = 0;
            for (int j = 0; j < 32; j++) {
                qh |= ((q[j] >>> 4) & 1) << j;
            }
            out.putInt(qh);
        }
        for (int j = 0; j < 16; j++) {
            out.put((byte) ((q[j] & 0x0F) | (q[j + 16] << 4)));
        }
    }

    /** gguf-py's np_roundf: ties away from zero, computed in float32. */
    private static float roundHalfAway(float n) {
        float a = Math.abs(n);
        float floored = (float) Math.floor(a);
        float b = floored + (float) Math.floor(2f * (a - floored));
        return Math.signum(n) * b;
    }

    private static void requireFinite(GgmlType type, float[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException("cannot quantize " + values[i] + " at index " + i + " to " + type);
            }
        }
    }
}
