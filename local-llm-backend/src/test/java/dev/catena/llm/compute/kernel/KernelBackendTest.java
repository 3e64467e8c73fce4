package dev.catena.llm.compute.kernel;

import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every backend (scalar Java, Vector API, native C in each instruction set this CPU runs, on copies of the
 * weights - tiles of 16 rows for the types with tile kernels - and on the stored layout) against two
 * references on random weights of each type: (1) the exact product of the dequantized weights and the
 * dequantized 8-bit activations, in double - the integer sums are exact, so only float rounding may
 * differ (relative 1e-5 of sum |w x|); (2) the float path {@link Tensor#matVec} on the unquantized
 * activations - the 8-bit activations cost at most 1% of sum |w x| per row.
 */
class KernelBackendTest {

    static final GgmlType[] TYPES = {GgmlType.F32, GgmlType.F16, GgmlType.BF16, GgmlType.Q4_0, GgmlType.Q4_1, GgmlType.Q5_0, GgmlType.Q5_1, GgmlType.Q8_0, GgmlType.Q2_K, GgmlType.Q3_K, GgmlType.Q4_K, GgmlType.Q5_K, GgmlType.Q6_K, GgmlType.IQ4_NL, GgmlType.IQ4_XS};
    static final int ROWS = 37;
    static final int COLUMNS = 512;

    static List<KernelBackend> backends() {
        List<KernelBackend> out = new ArrayList<>();
        out.add(new ScalarKernelBackend());
        out.add(new VectorKernelBackend());
        for (String isa : NativeKernelBackend.supportedIsas()) {
            out.add(NativeKernelBackend.load(new StringBuilder(), isa, true).orElseThrow());
            out.add(NativeKernelBackend.load(new StringBuilder(), isa, false).orElseThrow());
        }
        return out;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (KernelBackend b : backends()) {
            for (GgmlType t : TYPES) {
                out.add(Arguments.of(b.description(), b, t));
            }
        }
        return out.stream();
    }

    /**
     * Random blocks of {@code type}: random quant bytes, scale fields set to small finite F16 values; for the
     * float types, Gaussian values stored in that type.
     */
    static Tensor randomTensor(GgmlType type, int rows, int columns, Random rnd) {
        int blocks = rows * columns / type.blockSize();
        ByteBuffer buf = ByteBuffer.allocate(blocks * type.bytesPerBlock()).order(ByteOrder.LITTLE_ENDIAN);
        rnd.nextBytes(buf.array());
        if (type == GgmlType.F32 || type == GgmlType.F16 || type == GgmlType.BF16) {
            for (int i = 0; i < blocks; i++) {
                float v = (float) rnd.nextGaussian() * 0.05f;
                switch (type) {
                    case F32 -> buf.putFloat(4 * i, v);
                    case F16 -> buf.putShort(2 * i, Float.floatToFloat16(v));
                    default -> buf.putShort(2 * i, (short) (Float.floatToIntBits(v) >>> 16));
                }
            }
            return Tensor.of(type, offHeap(buf.array()), new long[] {columns, rows});
        }
        int[] halfOffsets = switch (type) {
            case Q4_1, Q5_1, Q4_K, Q5_K -> new int[] {0, 2};
            case Q2_K -> new int[] {80, 82};
            case Q3_K -> new int[] {108};
            case Q6_K -> new int[] {208};
            default -> new int[] {0};
        };
        for (int b = 0; b < blocks; b++) {
            for (int o : halfOffsets) {
                float scale = 0.001f + 0.02f * rnd.nextFloat();
                buf.putShort(b * type.bytesPerBlock() + o, Float.floatToFloat16(scale));
            }
        }
        return Tensor.of(type, offHeap(buf.array()), new long[] {columns, rows});
    }

    /**
     * The bytes in native memory, as weights are in use (mapped or copied): a heap segment passed to the Vector
     * API's loads would leave them polymorphic for the rest of the JVM, and DecodeAllocationTest then sees them allocate.
     */
    static MemorySegment offHeap(byte[] bytes) {
        MemorySegment s = java.lang.foreign.Arena.ofAuto().allocate(bytes.length, 64);
        MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return s;
    }

    static float[] randomVector(int n, Random rnd) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian() * (i % 64 == 0 ? 4f : 1f);
        }
        return x;
    }

    static float[] dequantize(QuantizedVector q) {
        float[] out = new float[q.length()];
        int bs = q.format().blockSize();
        if (q.format() == ActivationFormat.F32 || q.format() == ActivationFormat.BF16) {
            MemorySegment.copy(q.qs(), ValueLayout.JAVA_FLOAT_UNALIGNED, 0, out, 0, out.length);
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = q.qs().get(ValueLayout.JAVA_BYTE, i) * q.scales().get(ValueLayout.JAVA_FLOAT_UNALIGNED, 4L * (i / bs));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void matVecMatchesDequantizedProductAndFloatPath(String name, KernelBackend backend, GgmlType type) {
        // 16 blocks of 32 (or 2 of 256) fill the kernels' steps exactly; 19 of 32 (or 3 of 256, or 589 floats) leave a partial one
        matVecMatchesDequantizedProductAndFloatPath(backend, type, COLUMNS);
        matVecMatchesDequantizedProductAndFloatPath(backend, type, type.blockSize() == 32 ? 608 : type.blockSize() == 1 ? 589 : 768);
    }

    private void matVecMatchesDequantizedProductAndFloatPath(KernelBackend backend, GgmlType type, int columns) {
        Random rnd = new Random(type.ordinal() * 31L + 7 + columns);
        Tensor w = randomTensor(type, ROWS, columns, rnd);
        float[] x = randomVector(columns, rnd);
        QuantizedVector q = new QuantizedVector().quantize(x, ActivationFormat.forWeights(type));
        float[] xq = dequantize(q);
        assertThat(backend.supports(type)).isTrue();
        // a whole matrix, then a row range that leaves the other entries alone
        float[] out = new float[ROWS];
        backend.matVec(w, q, out, 0, ROWS);
        float[] part = new float[ROWS];
        java.util.Arrays.fill(part, Float.NaN);
        backend.matVec(w, q, part, 5, 21);
        float[] floatPath = new float[ROWS];
        w.matVec(x, floatPath);
        float[] row = new float[columns];
        for (int r = 0; r < ROWS; r++) {
            w.dequantizeRow(r, row, 0);
            double exact = 0;
            double magnitude = 0;
            double magnitudeX = 0;
            for (int j = 0; j < columns; j++) {
                exact += (double) row[j] * xq[j];
                magnitude += Math.abs((double) row[j] * xq[j]);
                magnitudeX += Math.abs((double) row[j] * x[j]);
            }
            assertThat((double) out[r]).as("row %d vs exact integer product", r).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5 * magnitude + 1e-6));
            assertThat((double) out[r]).as("row %d vs float path", r).isCloseTo(floatPath[r], org.assertj.core.data.Offset.offset(1e-2 * magnitudeX));
            if (r >= 5 && r < 21) {
                assertThat(part[r]).isEqualTo(out[r]);
            } else {
                assertThat(part[r]).isNaN();
            }
        }
    }

    /**
     * A row read back through the backend after a product (from its copy of the weights where it made one,
     * repacked or not) equals the tensor's own decoding of the stored blocks, value for value.
     */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void dequantizeRowAfterAProductEqualsTheStoredRow(String name, KernelBackend backend, GgmlType type) {
        int columns = type.blockSize() == 256 ? 768 : 608;
        Random rnd = new Random(type.ordinal() * 13L + 5);
        Tensor w = randomTensor(type, ROWS, columns, rnd);
        QuantizedVector q = new QuantizedVector().quantize(randomVector(columns, rnd), ActivationFormat.forWeights(type));
        backend.matVec(w, q, new float[ROWS], 0, ROWS);
        float[] expected = new float[columns];
        float[] actual = new float[columns];
        for (int r = 0; r < ROWS; r++) {
            w.dequantizeRow(r, expected, 0);
            backend.dequantizeRow(w, r, actual);
            assertThat(actual).as("row %d", r).containsExactly(expected);
        }
    }

    /**
     * Batches of 1 to 11 vectors (the native GEMM kernels take batches from 4 on, in groups of 4 or 8, so most sizes
     * leave a partial group) on two shapes - whole steps of the kernels over rows 3..37, and 576 columns (768 for
     * 256-blocks) over rows 17..30, neither range on a tile boundary: each output equals the matrix-vector product
     * of its vector up to float rounding (1e-5 of sum |w x|), and rows outside the range are left alone.
     */
    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void matMulEqualsMatVecPerVector(String name, KernelBackend backend, GgmlType type) {
        matMulEqualsMatVecPerVector(backend, type, COLUMNS, 3, ROWS);
        matMulEqualsMatVecPerVector(backend, type, type.blockSize() == 256 ? 768 : 576, 17, 30);
    }

    private void matMulEqualsMatVecPerVector(KernelBackend backend, GgmlType type, int columns, int rowStart, int rowEnd) {
        Random rnd = new Random(type.ordinal() * 17L + 3 + columns);
        Tensor w = randomTensor(type, ROWS, columns, rnd);
        for (int batch : new int[] {1, 3, 4, 5, 6, 7, 9, 11}) {
            QuantizedVector[] qs = new QuantizedVector[batch];
            float[][] outs = new float[batch][ROWS];
            for (int b = 0; b < batch; b++) {
                qs[b] = new QuantizedVector().quantize(randomVector(columns, rnd), ActivationFormat.forWeights(type));
                java.util.Arrays.fill(outs[b], Float.NaN);
            }
            backend.matMul(w, qs, batch, outs, rowStart, rowEnd);
            float[] row = new float[columns];
            for (int b = 0; b < batch; b++) {
                float[] one = new float[ROWS];
                backend.matVec(w, qs[b], one, 0, ROWS);
                float[] xq = dequantize(qs[b]);
                for (int r = 0; r < ROWS; r++) {
                    if (r < rowStart || r >= rowEnd) {
                        assertThat(outs[b][r]).as("batch %d vector %d row %d outside the range", batch, b, r).isNaN();
                        continue;
                    }
                    w.dequantizeRow(r, row, 0);
                    double magnitude = 0;
                    for (int j = 0; j < columns; j++) {
                        magnitude += Math.abs((double) row[j] * xq[j]);
                    }
                    assertThat((double) outs[b][r]).as("batch %d vector %d row %d", batch, b, r)
                            .isCloseTo(one[r], org.assertj.core.data.Offset.offset(1e-5 * magnitude + 1e-6));
                }
            }
        }
    }

    /**
     * The SIMD instruction sets (AVX2 and AVX-512 alike) batch every type through a GEMM kernel - so the products
     * above test those kernels, not the row-by-row fallback - and run Q4_0, Q8_0, IQ4_NL and IQ4_XS on copies
     * repacked in 16-row tiles through tile kernels.
     */
    @Test
    void everySimdSetHasAGemmForEveryTypeAndTileKernelsForTheTiledTypes() {
        List<GgmlType> tiled = List.of(GgmlType.Q4_0, GgmlType.Q8_0, GgmlType.IQ4_NL, GgmlType.IQ4_XS);
        for (String isa : NativeKernelBackend.supportedIsas()) {
            if (isa.equals("scalar")) {
                continue;
            }
            for (boolean copies : new boolean[] {true, false}) {
                NativeKernelBackend b = NativeKernelBackend.load(new StringBuilder(), isa, copies).orElseThrow();
                for (GgmlType t : TYPES) {
                    assertThat(b.hasGemm(t)).as("%s: GEMM for %s", b.description(), t).isTrue();
                    assertThat(b.tiled(t)).as("%s: tiles for %s", b.description(), t).isEqualTo(copies && tiled.contains(t));
                }
            }
        }
    }
}
