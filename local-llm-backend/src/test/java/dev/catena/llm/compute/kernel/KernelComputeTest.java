package dev.catena.llm.compute.kernel;

import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link KernelCompute}: row splitting, batches, the float fallback and concurrent callers. */
class KernelComputeTest {

    private final KernelBackend scalar = new ScalarKernelBackend();

    @Test
    void matVecOverThreadsEqualsOneBackendCallOverAllRows() {
        Random rnd = new Random(1);
        Tensor w = KernelBackendTest.randomTensor(GgmlType.Q4_K, 203, 512, rnd);
        float[] x = KernelBackendTest.randomVector(512, rnd);
        float[] expected = new float[203];
        scalar.matVec(w, new QuantizedVector().quantize(x, ActivationFormat.Q8_K), expected, 0, 203);
        try (KernelCompute c = new KernelCompute(3, scalar)) {
            float[] out = new float[203];
            c.matVec(w, x, out);
            assertThat(out).containsExactly(expected);
        }
    }

    @Test
    void matMulEqualsMatVecPerVectorAndTypesWithoutKernelsTakeTheFloatPath() {
        Random rnd = new Random(2);
        Tensor q = KernelBackendTest.randomTensor(GgmlType.Q5_0, 70, 256, rnd);
        float[] f32 = new float[70 * 256];
        for (int i = 0; i < f32.length; i++) {
            f32[i] = (float) rnd.nextGaussian();
        }
        Tensor f = Tensor.f32(f32, 256, 70);
        float[][] xs = new float[6][];
        for (int b = 0; b < xs.length; b++) {
            xs[b] = KernelBackendTest.randomVector(256, rnd);
        }
        try (KernelCompute c = new KernelCompute(2, scalar)) {
            for (Tensor w : new Tensor[] {q, f}) {
                float[][] outs = new float[xs.length][70];
                c.matMul(w, xs, outs);
                for (int b = 0; b < xs.length; b++) {
                    float[] one = new float[70];
                    c.matVec(w, xs[b], one);
                    if (w == q) {
                        assertThat(outs[b]).as("%s vector %d", w, b).containsExactly(one);
                    } else { // ThreadedCompute's float batch path sums in another order
                        assertThat(outs[b]).as("%s vector %d", w, b).containsExactly(one, org.assertj.core.data.Offset.offset(1e-3f));
                    }
                }
            }
            float[] floatPath = new float[70];
            f.matVec(xs[0], floatPath);
            float[] out = new float[70];
            c.matVec(f, xs[0], out);
            assertThat(out).containsExactly(floatPath);
        }
    }

    @Test
    void matMulEachEqualsOneProductPerMatrixOverThreadsAndBatches() {
        Random rnd = new Random(5);
        // rows that are not whole tiles, a matrix of fewer rows than a tile, and mixed types of one format
        Tensor[] ws = {KernelBackendTest.randomTensor(GgmlType.Q4_K, 203, 512, rnd),
                KernelBackendTest.randomTensor(GgmlType.Q6_K, 9, 512, rnd),
                KernelBackendTest.randomTensor(GgmlType.Q5_K, 64, 512, rnd)};
        for (KernelBackend backend : KernelBackendTest.backends()) {
            for (int threads : new int[] {1, 2, 3}) {
                for (int batch : new int[] {1, 6}) {
                    float[][] xs = new float[batch][];
                    for (int b = 0; b < batch; b++) {
                        xs[b] = KernelBackendTest.randomVector(512, rnd);
                    }
                    float[][][] outs = new float[ws.length][][];
                    for (int i = 0; i < ws.length; i++) {
                        outs[i] = new float[batch][ws[i].rows()];
                    }
                    try (KernelCompute c = new KernelCompute(threads, backend)) {
                        c.matMulEach(ws, xs, outs);
                        for (int i = 0; i < ws.length; i++) {
                            float[][] expected = new float[batch][ws[i].rows()];
                            c.matMul(ws[i], xs, expected);
                            for (int b = 0; b < batch; b++) {
                                assertThat(outs[i][b]).as("%s, %d threads, batch %d, matrix %d, vector %d",
                                        backend.description(), threads, batch, i, b).containsExactly(expected[b]);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void matMulEachOverDifferentActivationFormatsTakesOneProductAtATime() {
        Random rnd = new Random(6);
        Tensor[] ws = {KernelBackendTest.randomTensor(GgmlType.Q8_0, 40, 256, rnd),
                KernelBackendTest.randomTensor(GgmlType.Q4_K, 40, 256, rnd)};
        float[][] xs = {KernelBackendTest.randomVector(256, rnd)};
        float[][][] outs = {new float[1][40], new float[1][40]};
        try (KernelCompute c = new KernelCompute(2, scalar)) {
            c.matMulEach(ws, xs, outs);
            for (int i = 0; i < ws.length; i++) {
                float[] expected = new float[40];
                c.matVec(ws[i], xs[0], expected);
                assertThat(outs[i][0]).containsExactly(expected);
            }
        }
    }

    @Test
    void concurrentCallersKeepTheirOwnQuantizedScratch() throws Exception {
        Random rnd = new Random(3);
        Tensor w = KernelBackendTest.randomTensor(GgmlType.Q8_0, 64, 1024, rnd);
        List<float[]> xs = new ArrayList<>();
        List<float[]> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            float[] x = KernelBackendTest.randomVector(1024, rnd);
            float[] e = new float[64];
            scalar.matVec(w, new QuantizedVector().quantize(x, ActivationFormat.Q8_0), e, 0, 64);
            xs.add(x);
            expected.add(e);
        }
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try (KernelCompute c = new KernelCompute(2, scalar)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int offset = t;
                futures.add(callers.submit(() -> {
                    for (int round = 0; round < 50; round++) {
                        int i = (offset + round) % xs.size();
                        float[] out = new float[64];
                        c.matVec(w, xs.get(i), out);
                        assertThat(out).containsExactly(expected.get(i));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aVectorOfTheWrongLengthNamesTheTensor() {
        Tensor w = KernelBackendTest.randomTensor(GgmlType.Q8_0, 4, 64, new Random(4));
        try (KernelCompute c = new KernelCompute(1, scalar)) {
            assertThatThrownBy(() -> c.matVec(w, new float[32], new float[4]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("32").hasMessageContaining("Q8_0");
        }
    }

    @Test
    void unknownKernelNamesAreRejectedWithTheChoices() {
        assertThatThrownBy(() -> KernelBackends.byName("cuda")).hasMessageContaining("native, vector or scalar");
        assertThat(KernelBackends.available()).contains("scalar");
    }
}
