package dev.catena.llm.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Float-to-storage conversion for the types a writer can produce: F32, F16, BF16, Q8_0 and Q4_0. The
 * arithmetic follows gguf-py's {@code gguf.quants} (float32 throughout, round-to-nearest-even fp16
 * conversion), so the bytes are identical to what gguf-py writes for the same input.
 */
public final class Quantizers {

    private Quantizers() {
    }

    /** Whether {@link #quantize} can produce this type. */
    public static boolean canQuantize(GgmlType type) {
        return switch (type) {
            case F32, F16, BF16, Q8_0, Q4_0 -> true;
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
            throw new IllegalArgumentException("cannot quantize to " + type + "; supported: F32, F16, BF16, Q8_0, Q4_0");
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
            case Q4_0 -> {
                requireFinite(type, values);
                for (int b = 0; b < values.length; b += 32) {
                    q4_0(values, b, out);
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

    /** d = (the value of largest magnitude) / -8, q = clamp(trunc(x / d + 8.5), 0, 15). */
    private static void q4_0(float[] x, int from, ByteBuffer out) {
        float max = 0f;
        float amax = -1f;
        for (int j = 0; j < 32; j++) {
            float a = Math.abs(x[from + j]);
            if (a > amax) {
                amax = a;
                max = x[from + j];
            }
        }
        float d = max / -8f;
        float id = d == 0f ? 0f : 1f / d;
        out.putShort(Float.floatToFloat16(d));
        for (int j = 0; j < 16; j++) {
            int lo = Math.min(15, (int) (x[from + j] * id + 8.5f));
            int hi = Math.min(15, (int) (x[from + j + 16] * id + 8.5f));
            out.put((byte) (lo | (hi << 4)));
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
