package dev.catena.llm.compute.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every backend's activation quantizer (the native ones in C) writes the same bytes as the Java reference
 * {@link QuantizedVector#quantize}: values, nibble order, scales and sums, for lengths that are and are not
 * whole groups of 4 blocks, blocks of zeros, exact rounding ties, and blocks whose largest value is
 * negative or appears twice with both signs.
 */
class QuantizeTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (KernelBackend b : KernelBackendTest.backends()) {
            for (ActivationFormat f : ActivationFormat.values()) {
                out.add(Arguments.of(b.description(), b, f));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void quantizesBitForBitAsTheJavaReference(String name, KernelBackend backend, ActivationFormat format) {
        Random rnd = new Random(11);
        int block = format.blockSize();
        for (int blocks : new int[] {1, 3, 4, 7, 19, 64}) {
            int n = blocks * block;
            for (int trial = 0; trial < 4; trial++) {
                float[] x = block == 1 ? KernelBackendTest.randomVector(n, rnd) : vector(n, trial, block, rnd);
                QuantizedVector expected = new QuantizedVector().quantize(x, format);
                QuantizedVector actual = new QuantizedVector();
                backend.quantize(x, format, actual);
                String what = format + " n=" + n + " trial " + trial;
                assertThat(actual.length()).isEqualTo(n);
                assertThat(actual.format()).isEqualTo(format);
                if (format == ActivationFormat.F32) { // not quantized: the floats as they are
                    assertThat(floats(actual, n)).as(what).containsExactly(x);
                    continue;
                }
                if (format == ActivationFormat.BF16) { // rounded to BF16, kept as floats
                    float[] got = floats(actual, n);
                    for (int i = 0; i < n; i++) {
                        assertThat(Float.floatToRawIntBits(got[i]) & 0xFFFF).as("%s value %d has no low bits", what, i).isZero();
                        assertThat(Math.abs(got[i] - x[i])).as("%s value %d within half a BF16 step", what, i)
                                .isLessThanOrEqualTo(Math.ulp(x[i]) * 32768f);
                    }
                    assertThat(got).as(what).containsExactly(floats(expected, n));
                    continue;
                }
                assertThat(bytes(actual.qs(), n)).as("values, %s", what).isEqualTo(bytes(expected.qs(), n));
                assertThat(bytes(actual.nibbleOrder(), n)).as("nibble order, %s", what).isEqualTo(bytes(expected.nibbleOrder(), n));
                assertThat(bytes(actual.scales(), 4L * blocks)).as("scales, %s", what).isEqualTo(bytes(expected.scales(), 4L * blocks));
                long sums = format == ActivationFormat.Q8_0 ? blocks : 16L * blocks;
                assertThat(bytes(actual.sums(), 2 * sums)).as("sums, %s", what).isEqualTo(bytes(expected.sums(), 2 * sums));
            }
        }
    }

    /** BF16 rounding is to the nearest value, ties to even, as ggml's GGML_FP32_TO_BF16 (7 mantissa bits). */
    @org.junit.jupiter.api.Test
    void bf16RoundsToNearestTiesToEven() {
        float step = 0x1p-7f;
        float[] x = {1f + step / 2, 1f + 3 * step / 2, 1f + step / 2 + 0x1p-20f, -(1f + 3 * step / 2), 0f, -0f};
        float[] expected = {1f, 1f + 2 * step, 1f + step, -(1f + 2 * step), 0f, -0f};
        float[] got = floats(new QuantizedVector().quantize(x, ActivationFormat.BF16), x.length);
        assertThat(got).containsExactly(expected);
    }

    private static float[] floats(QuantizedVector q, int n) {
        return q.qs().asSlice(0, 4L * n).toArray(java.lang.foreign.ValueLayout.JAVA_FLOAT);
    }

    /** Trial 0: Gaussian; 1: with a block of zeros; 2: exact ties (|max| 127, halves); 3: a negative max, +-max twice. */
    private static float[] vector(int n, int trial, int block, Random rnd) {
        float[] x = KernelBackendTest.randomVector(n, rnd);
        switch (trial) {
            case 1 -> java.util.Arrays.fill(x, 0, block, 0f);
            case 2 -> {
                for (int i = 0; i < block; i++) {
                    x[i] = (i % 2 == 0 ? 1 : -1) * (i % 40 + 0.5f);
                }
                x[block - 1] = 127f;
            }
            case 3 -> {
                for (int b = 0; b < n / block; b++) {
                    x[b * block + 3] = -50f;
                    x[b * block + block / 2] = b % 2 == 0 ? 50f : -50f;
                }
            }
            default -> { }
        }
        return x;
    }

    private static byte[] bytes(MemorySegment s, long n) {
        return s.asSlice(0, n).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
