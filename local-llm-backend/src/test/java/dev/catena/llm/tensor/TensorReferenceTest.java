package dev.catena.llm.tensor;

import dev.catena.llm.gguf.GgufFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.foreign.MemorySegment;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every tensor type against gguf-py (reference data {@code tensor/tensors.gguf}, made by
 * {@code src/test/reference/tensor/make_tensors.py}): dequantization bit for bit, and dot products and
 * mat-vec products against float64 references within {@code n * 2^-23 * sum|w*x|}, twice the worst-case
 * error bound of a float32 dot product of length n, on every kernel path (scalar and Vector API).
 */
class TensorReferenceTest {

    static final String TYPES = "F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q5_0, Q5_1, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, Q8_K, IQ4_NL, IQ4_XS";

    private static GgufFile file;
    private static float[] x;

    @BeforeAll
    static void open() throws URISyntaxException {
        Path path = Path.of(Objects.requireNonNull(TensorReferenceTest.class.getResource("/tensor/tensors.gguf")).toURI());
        file = GgufFile.open(path);
        Tensor xt = file.tensor("x");
        x = new float[xt.columns()];
        xt.dequantizeRow(0, x, 0);
    }

    @AfterAll
    static void close() {
        file.close();
    }

    @Test
    void typeTableMatchesGgufPy() {
        List<String> names = file.metadata().getStringArray("ggml.type_names");
        int[] ids = file.metadata().getIntArray("ggml.type_ids");
        int[] blocks = file.metadata().getIntArray("ggml.block_sizes");
        int[] sizes = file.metadata().getIntArray("ggml.type_sizes");
        assertThat(names).hasSize(GgmlType.values().length);
        for (int i = 0; i < names.size(); i++) {
            GgmlType t = GgmlType.fromId(ids[i]);
            assertThat(t.name()).isEqualTo(names.get(i));
            assertThat(t.blockSize()).as(t + " block size").isEqualTo(blocks[i]);
            // gguf-py still lists Q8_1 with float d and s (40 bytes); ggml's block_q8_1 has two halves (36)
            assertThat(t.bytesPerBlock()).as(t + " bytes per block").isEqualTo(t == GgmlType.Q8_1 ? 36 : sizes[i]);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q2_K", "Q3_K", "Q4_K",
            "Q5_K", "Q6_K", "Q8_K", "IQ4_NL", "IQ4_XS"})
    void dequantizationIsBitExact(String type) {
        Tensor t = file.tensor(type);
        Tensor ref = file.tensor(type + ".deq");
        assertThat(t.type()).isEqualTo(GgmlType.valueOf(type));
        assertThat(t.shape()).isEqualTo(ref.shape());
        float[] row = new float[t.columns() + 3];
        float[] expected = new float[t.columns()];
        for (int r = 0; r < t.rows(); r++) {
            t.dequantizeRow(r, row, 3);
            ref.dequantizeRow(r, expected, 0);
            for (int j = 0; j < t.columns(); j++) {
                int want = Float.floatToRawIntBits(expected[j]);
                int got = Float.floatToRawIntBits(row[3 + j]);
                if (want != got) {
                    fail(type + " row " + r + " element " + j + ": dequantizeRow gave " + row[3 + j] + " (0x"
                            + Integer.toHexString(got) + "), gguf-py " + expected[j] + " (0x" + Integer.toHexString(want) + ")");
                }
                if (j % 7 == 0 && Float.floatToRawIntBits(t.get((long) t.columns() * r + j)) != want) {
                    fail(type + " get(" + ((long) t.columns() * r + j) + ") differs from gguf-py " + expected[j]);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "Q2_K", "Q3_K", "Q4_K",
            "Q5_K", "Q6_K", "Q8_K", "IQ4_NL", "IQ4_XS"})
    void dotAndMatVecMatchFloat64Reference(String type) {
        Tensor t = file.tensor(type);
        double[] want = matvec(type);
        double[] abs = abs(type);
        int n = t.columns();
        float[] out = new float[t.rows()];
        t.matVec(x, out);
        float[] shifted = new float[n + 5];
        System.arraycopy(x, 0, shifted, 5, n);
        float[] part = new float[t.rows()];
        t.matVec(x, part, 2, 5);
        for (int r = 0; r < t.rows(); r++) {
            assertClose(type + " dot row " + r, t.dot(r, x, 0), want[r], abs[r], n);
            assertClose(type + " dot row " + r + " at x offset 5", t.dot(r, shifted, 5), want[r], abs[r], n);
            assertClose(type + " matVec row " + r, out[r], want[r], abs[r], n);
            if (r >= 2 && r < 5) {
                assertThat(part[r]).isEqualTo(out[r]);
            } else {
                assertThat(part[r]).as("matVec(2, 5) leaves row " + r + " alone").isZero();
            }
        }
    }

    /** F32 has the Vector API kernels: each path, over the mapped file and over a heap array. */
    @Test
    void f32KernelsAgreeOnEveryPath() {
        double[] want = matvec("F32");
        double[] abs = abs("F32");
        Tensor t = file.tensor("F32");
        int n = t.columns();
        float[] heap = new float[t.rows() * n];
        for (int r = 0; r < t.rows(); r++) {
            t.dequantizeRow(r, heap, r * n);
        }
        MemorySegment mapped = MemorySegment.ofArray(toBytes(heap));
        for (int r = 0; r < t.rows(); r++) {
            assertClose("scalar heap row " + r, VectorKernels.scalarDotF32(heap, r * n, x, 0, n), want[r], abs[r], n);
            assertClose("simd heap row " + r, SimdKernels.dotF32(heap, r * n, x, 0, n), want[r], abs[r], n);
            assertClose("scalar segment row " + r, VectorKernels.scalarDotF32(mapped, 4L * r * n, x, 0, n), want[r], abs[r], n);
            assertClose("simd segment row " + r, SimdKernels.dotF32(mapped, 4L * r * n, x, 0, n), want[r], abs[r], n);
            assertClose("array tensor row " + r, Tensor.f32(heap, n, t.rows()).dot(r, x, 0), want[r], abs[r], n);
        }
    }

    /** Vector loops with every tail length (0 to 3 full vectors plus remainder) and unaligned offsets. */
    @Test
    void simdAndScalarKernelsAgreeForEveryLength() {
        float[] w = new float[200];
        float[] v = new float[200];
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) random.nextGaussian();
            v[i] = (float) random.nextGaussian();
        }
        MemorySegment seg = MemorySegment.ofArray(toBytes(w));
        for (int n = 0; n <= 70; n++) {
            for (int off : new int[] {0, 1, 3}) {
                double exact = 0;
                double scale = 0;
                for (int j = 0; j < n; j++) {
                    exact += (double) w[off + j] * v[off + j];
                    scale += Math.abs((double) w[off + j] * v[off + j]);
                }
                String at = "n=" + n + " offset=" + off;
                assertClose("scalar " + at, VectorKernels.scalarDotF32(w, off, v, off, n), exact, scale, n);
                assertClose("simd " + at, SimdKernels.dotF32(w, off, v, off, n), exact, scale, n);
                assertClose("scalar segment " + at, VectorKernels.scalarDotF32(seg, 4L * off, v, off, n), exact, scale, n);
                assertClose("simd segment " + at, SimdKernels.dotF32(seg, 4L * off, v, off, n), exact, scale, n);
            }
        }
    }

    private static byte[] toBytes(float[] f) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(f.length * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(f);
        return b.array();
    }

    private static double[] matvec(String type) {
        return toDoubles(file.metadata().get(type + ".matvec").orElseThrow());
    }

    private static double[] abs(String type) {
        return toDoubles(file.metadata().get(type + ".abs").orElseThrow());
    }

    private static double[] toDoubles(Object list) {
        return ((List<?>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    static void assertClose(String what, float actual, double expected, double scale, int n) {
        double tolerance = n * Math.scalb(1.0, -23) * scale;
        assertThat(Double.isFinite(actual)).as(what + " is finite").isTrue();
        assertThat(Math.abs(actual - expected)).as(what + ": " + actual + " vs " + expected + " (tolerance " + tolerance + ")")
                .isLessThanOrEqualTo(tolerance);
    }
}
