package dev.catena.llm.compute.kernel;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * An activation vector quantized to 8 bits ({@link ActivationFormat}), in off-heap memory that both the
 * Java and the native kernels read: {@link #qs()} (one signed byte per value, or one float per value for
 * {@link ActivationFormat#F32} and {@link ActivationFormat#BF16}, which use no other segment), {@link #scales()} (one
 * float per block) and {@link #sums()}: for {@link ActivationFormat#Q8_K} one short per 16 values, for
 * {@link ActivationFormat#Q8_0} one short per block (kernels that take weights as unsigned values subtract
 * the offset times this sum).
 *
 * <p>Mutable scratch: one instance per calling thread is reused for every product, growing only when a
 * longer vector arrives. Quantization follows ggml's reference rounding (nearest, ties to even).
 */
public final class QuantizedVector {

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    /** Where each run of 32 of a Q8_K block goes in {@link #nibbleOrder()}. */
    private static final int[] PAIRED_RUNS = {0, 2, 1, 3, 4, 6, 5, 7};

    private final Arena arena = Arena.ofAuto();
    private MemorySegment qs = MemorySegment.NULL;
    private MemorySegment scales = MemorySegment.NULL;
    private MemorySegment sums = MemorySegment.NULL;
    private MemorySegment nibbleOrder = MemorySegment.NULL;
    private int capacity;
    private int length;
    private ActivationFormat format;

    /** The quantized values (for {@link ActivationFormat#F32} and {@link ActivationFormat#BF16}, the floats). */
    public MemorySegment qs() {
        return qs;
    }

    /** One scale per block: value {@code i} is {@code qs[i] * scales[i / blockSize]}. */
    public MemorySegment scales() {
        return scales;
    }

    /** The sum of each run of 16 quantized values ({@link ActivationFormat#Q8_K}) or of each block ({@link ActivationFormat#Q8_0}). */
    public MemorySegment sums() {
        return sums;
    }

    /**
     * The values of {@link #qs()} again, in the order the AVX-512 4-bit kernels read them: for
     * {@link ActivationFormat#Q8_0}, per group of 4 blocks (128 bytes) the first 16 values of each block,
     * then the last 16 of each; for {@link ActivationFormat#Q8_K}, per block of 256 the runs of 32 in the
     * order 0 2 1 3 4 6 5 7 (the low and high nibbles of 64 bytes of Q4_K quants).
     */
    public MemorySegment nibbleOrder() {
        return nibbleOrder;
    }

    public int length() {
        return length;
    }

    public ActivationFormat format() {
        return format;
    }

    /** Quantizes {@code x} (its length a multiple of the block size) into this vector, replacing its contents. */
    public QuantizedVector quantize(float[] x, ActivationFormat format) {
        prepare(x.length, format);
        switch (format) {
            case Q8_0 -> quantizeQ8_0(x);
            case Q8_K -> quantizeQ8_K(x);
            case F32 -> MemorySegment.copy(x, 0, qs, ValueLayout.JAVA_FLOAT_UNALIGNED, 0, x.length);
            case BF16 -> {
                for (int i = 0; i < x.length; i++) {
                    qs.set(F32, 4L * i, roundToBf16(x[i]));
                }
            }
        }
        return this;
    }

    /**
     * Sizes this vector for {@code n} values of {@code format} without writing them, for a native quantizer
     * that fills the segments next.
     */
    void prepare(int n, ActivationFormat format) {
        if (n % format.blockSize() != 0) {
            throw new IllegalArgumentException("vector length " + n + " is not a multiple of the "
                    + format + " block size " + format.blockSize());
        }
        ensureCapacity(n);
        this.length = n;
        this.format = format;
    }

    private void ensureCapacity(int n) {
        if (n > capacity) {
            int c = Math.max(n, 2 * capacity);
            qs = arena.allocate(4L * c, 64); // room for ActivationFormat.F32 and BF16
            scales = arena.allocate(4L * (c / 32 + 1), 64);
            sums = arena.allocate(2L * (c / 16 + 1), 64);
            nibbleOrder = arena.allocate((c + 127) / 128 * 128L, 64);
            capacity = c;
        }
    }

    /** {@code x} rounded to the nearest BF16 value (ties to even), as ggml's {@code GGML_FP32_TO_BF16}; NaN stays NaN. */
    static float roundToBf16(float x) {
        if (Float.isNaN(x)) {
            return x;
        }
        int bits = Float.floatToRawIntBits(x);
        return Float.intBitsToFloat((bits + 0x7FFF + ((bits >>> 16) & 1)) & 0xFFFF0000);
    }

    private void quantizeQ8_0(float[] x) {
        for (int b = 0; b < x.length / 32; b++) {
            int o = b * 32;
            float amax = 0f;
            for (int j = 0; j < 32; j++) {
                amax = Math.max(amax, Math.abs(x[o + j]));
            }
            float d = amax / 127f;
            float id = amax != 0f ? 127f / amax : 0f;
            int sum = 0;
            long nibbles = (b / 4) * 128L + (b % 4) * 16L;
            for (int j = 0; j < 32; j++) {
                int v = (int) Math.rint(x[o + j] * id);
                qs.set(ValueLayout.JAVA_BYTE, o + j, (byte) v);
                nibbleOrder.set(ValueLayout.JAVA_BYTE, nibbles + (j < 16 ? j : 64 + j - 16), (byte) v);
                sum += v;
            }
            scales.set(F32, 4L * b, Float.float16ToFloat(Float.floatToFloat16(d)));
            sums.set(I16, 2L * b, (short) sum);
        }
    }

    private void quantizeQ8_K(float[] x) {
        for (int b = 0; b < x.length / 256; b++) {
            int o = b * 256;
            float amax = 0f;
            float max = 0f;
            for (int j = 0; j < 256; j++) {
                float ax = Math.abs(x[o + j]);
                if (ax > amax) {
                    amax = ax;
                    max = x[o + j];
                }
            }
            if (amax == 0f) {
                scales.set(F32, 4L * b, 0f);
                for (int j = 0; j < 256; j++) {
                    qs.set(ValueLayout.JAVA_BYTE, o + j, (byte) 0);
                    nibbleOrder.set(ValueLayout.JAVA_BYTE, o + j, (byte) 0);
                }
                for (int g = 0; g < 16; g++) {
                    sums.set(I16, 2L * (b * 16 + g), (short) 0);
                }
                continue;
            }
            float iscale = -127f / max;
            for (int g = 0; g < 16; g++) {
                int sum = 0;
                int run = g / 2;
                long paired = o + PAIRED_RUNS[run] * 32L + (g % 2) * 16L;
                for (int j = 0; j < 16; j++) {
                    int e = o + g * 16 + j;
                    int v = Math.min(127, (int) Math.rint(iscale * x[e]));
                    qs.set(ValueLayout.JAVA_BYTE, e, (byte) v);
                    nibbleOrder.set(ValueLayout.JAVA_BYTE, paired + j, (byte) v);
                    sum += v;
                }
                sums.set(I16, 2L * (b * 16 + g), (short) sum);
            }
            scales.set(F32, 4L * b, 1f / iscale);
        }
    }
}
