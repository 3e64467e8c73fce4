package dev.catena.llm.tools;

import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/**
 * {@link Quantizers} for Q4_K, Q5_K and Q6_K: bytes against llama.cpp's own reference quantizers
 * ({@code tensor/kquants_*.bin}, made by {@code src/test/reference/tensor/make_kquants.py}), and decoded by
 * the tensor classes: round-trip error within one quantization step of each sub-block and, in root mean
 * square, close to ideal rounding with exact float scales; zero and constant blocks; non-finite input.
 */
class KQuantizerTest {

    private static final int QK = 256;

    static byte[] resource(String name) {
        try (InputStream in = Objects.requireNonNull(KQuantizerTest.class.getResourceAsStream("/tensor/" + name), name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] referenceInput() {
        ByteBuffer b = ByteBuffer.wrap(resource("kquants_input.f32")).order(ByteOrder.LITTLE_ENDIAN);
        float[] x = new float[b.remaining() / 4];
        b.asFloatBuffer().get(x);
        return x;
    }

    private static float[] decode(GgmlType type, byte[] data, int n) {
        Tensor t = Tensor.of(type, MemorySegment.ofArray(data), new long[] {n});
        float[] out = new float[n];
        t.dequantizeRow(0, out, 0);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q4_K", "Q5_K", "Q6_K"})
    void bytesMatchLlamaCppsReferenceQuantizer(String name) {
        GgmlType type = GgmlType.valueOf(name);
        float[] x = referenceInput();
        byte[] want = resource("kquants_" + name.toLowerCase() + ".bin");
        byte[] got = Quantizers.quantize(type, x);
        assertThat(got).hasSameSizeAs(want);
        int size = type.bytesPerBlock();
        for (int b = 0; b < got.length / size; b++) {
            byte[] g = Arrays.copyOfRange(got, b * size, (b + 1) * size);
            byte[] w = Arrays.copyOfRange(want, b * size, (b + 1) * size);
            assertThat(g).as(name + " super-block " + b).isEqualTo(w);
        }
    }

    /** Gaussian, heavy-tailed and skewed data at several scales, 32 super-blocks of each. */
    private static float[] randomInput(long seed) {
        Random r = new Random(seed);
        float[] x = new float[QK * 96];
        for (int b = 0; b < 96; b++) {
            double scale = Math.pow(10, r.nextInt(7) - 4);
            for (int i = 0; i < QK; i++) {
                double v = switch (b % 3) {
                    case 0 -> r.nextGaussian();
                    case 1 -> r.nextGaussian() / Math.max(0.2, Math.abs(r.nextGaussian())); // heavy tails
                    default -> Math.exp(r.nextGaussian()) - 0.5; // skewed, mostly positive
                };
                x[b * QK + i] = (float) (v * scale);
            }
        }
        return x;
    }

    /**
     * Per element, the error stays within one quantization step of its sub-block's range (plain rounding
     * would stay within half a step; the fit trades a little at the extremes for less error overall) plus
     * half a unit of the grid the stored scales and minimums lie on and of the F16 that grid is stored in.
     * Where the F16 super-block factors are normal numbers, the root mean square error per super-block stays
     * below 0.4 step and within 1.2 times the error of ideal rounding with an exact float scale and minimum
     * per sub-block: the 6- or 8-bit scales cost little.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Q4_K", "Q5_K", "Q6_K"})
    void roundTripErrorStaysWithinAStepAndCloseToIdealRounding(String name) {
        GgmlType type = GgmlType.valueOf(name);
        boolean q6 = type == GgmlType.Q6_K;
        int sub = q6 ? 16 : 32;
        int levels = switch (type) {
            case Q4_K -> 15;
            case Q5_K -> 31;
            default -> 63;
        };
        float[] x = randomInput(7 + type.ordinal());
        float[] y = decode(type, Quantizers.quantize(type, x), x.length);
        int normalBlocks = 0;
        for (int b = 0; b < x.length / QK; b++) {
            double sumErr2 = 0;
            double sumIdeal2 = 0;
            double sumStep2 = 0;
            double[] steps = new double[QK / sub];
            double maxStep = 0;
            for (int s = 0; s < QK / sub; s++) {
                double lo = 0;
                double hi = 0;
                for (int i = 0; i < sub; i++) {
                    lo = Math.min(lo, x[b * QK + s * sub + i]);
                    hi = Math.max(hi, x[b * QK + s * sub + i]);
                }
                steps[s] = q6 ? Math.max(-lo, hi) * 2 / (levels + 1) : (hi - lo) / levels;
                maxStep = Math.max(maxStep, steps[s]);
            }
            for (int s = 0; s < QK / sub; s++) {
                int o = b * QK + s * sub;
                double step = steps[s];
                double lo = 0;
                for (int i = 0; i < sub; i++) {
                    lo = Math.min(lo, x[o + i]);
                }
                double offset = q6 ? -step * (levels + 1) / 2 : lo;
                // the stored scales lie on a grid of g = maxStep/63 (Q6_K: /127); a level of up to `levels`
                // times a scale off by half a grid unit adds levels * g / 2; g itself is an F16 (the
                // super-block factor), off by half an F16 unit, times a 6-bit (8-bit) integer
                int grid = q6 ? 127 : 63;
                double g = maxStep / grid;
                double f16Unit = Math.max(g * 0x1p-10, 0x1p-24);
                double bound = step + levels * g / 2 + (levels + 1) * grid * f16Unit;
                for (int i = 0; i < sub; i++) {
                    double err = Math.abs(y[o + i] - x[o + i]);
                    assertThat(err).as("%s super-block %d sub-block %d element %d: %s -> %s (step %s)",
                            name, b, s, i, x[o + i], y[o + i], step).isLessThanOrEqualTo(bound);
                    sumErr2 += err * err;
                    double ideal = offset + Math.rint((x[o + i] - offset) / step) * step;
                    sumIdeal2 += (ideal - x[o + i]) * (ideal - x[o + i]);
                    sumStep2 += step * step;
                }
            }
            double rms = Math.sqrt(sumErr2 / QK);
            double ideal = Math.sqrt(sumIdeal2 / QK);
            if (maxStep / (q6 ? 127 : 63) >= 0x1p-14) { // the F16 super-block factor is a normal number
                normalBlocks++;
                assertThat(rms).as("%s super-block %d RMS error vs step", name, b).isLessThan(0.4 * Math.sqrt(sumStep2 / QK));
                assertThat(rms).as("%s super-block %d RMS error vs ideal rounding %s", name, b, ideal).isLessThan(1.2 * ideal);
            }
        }
        assertThat(normalBlocks).isGreaterThan(40);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q4_K", "Q5_K", "Q6_K"})
    void zeroAndConstantBlocks(String name) {
        GgmlType type = GgmlType.valueOf(name);
        byte[] zeros = Quantizers.quantize(type, new float[2 * QK]);
        assertThat(zeros).containsOnly(0);
        for (float c : new float[] {0.75f, -0.3f, 0.05f, -42f}) {
            float[] x = new float[QK];
            Arrays.fill(x, c);
            float[] y = decode(type, Quantizers.quantize(type, x), QK);
            for (int i = 0; i < QK; i++) {
                assertThat((double) y[i]).as("%s constant %s element %d", name, c, i)
                        .isCloseTo(c, offset(Math.abs(c) * 2e-3));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"Q4_K", "Q5_K", "Q6_K"})
    void nonFiniteInputAndPartialBlocksAreRejected(String name) {
        GgmlType type = GgmlType.valueOf(name);
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            float[] x = new float[2 * QK];
            x[300] = bad;
            assertThatThrownBy(() -> Quantizers.quantize(type, x)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cannot quantize " + bad + " at index 300 to " + name);
        }
        assertThatThrownBy(() -> Quantizers.quantize(type, new float[128]))
                .hasMessageContaining("128 values are not a whole number of " + name + " blocks of 256");
    }

    @Test
    void everyKQuantCanBeProduced() {
        assertThat(Quantizers.canQuantize(GgmlType.Q4_K)).isTrue();
        assertThat(Quantizers.canQuantize(GgmlType.Q5_K)).isTrue();
        assertThat(Quantizers.canQuantize(GgmlType.Q6_K)).isTrue();
        assertThat(Quantizers.canQuantize(GgmlType.Q3_K)).isFalse();
    }
}
