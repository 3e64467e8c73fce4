package dev.catena.llm.kernel;

import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufWriter;
import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Weights mapped from a file and copied by the native backend into huge-page memory (Q4_0 and Q8_0
 * repacked in tiles, K-quants as stored), which then releases the mapped pages: the products equal the
 * scalar kernels' on the mapping, and the file's values still read back unchanged afterwards.
 */
class ResidentWeightsTest {

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q8_0", "Q4_K", "Q6_K"})
    void copiedProductsMatchAndTheMappedFileStaysReadable(GgmlType type, @TempDir Path dir) throws Exception {
        NativeKernelBackend backend = NativeKernelBackend.load(new StringBuilder(), null).orElse(null);
        assumeTrue(backend != null, "no native kernels here");
        int rows = 1000;
        int columns = 2048; // 8 MB of F32 source, about 1-2 MB quantized: several pages to release
        Random rnd = new Random(5);
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rnd.nextGaussian();
        }
        Path file = dir.resolve("w.gguf");
        new GgufWriter().putString("general.architecture", "test").tensor("w", type, new long[] {columns, rows}, values).write(file);
        try (GgufFile gguf = GgufFile.open(file)) {
            Tensor w = gguf.tensor("w");
            assertThat(w.blockData().isMapped()).isTrue();
            float[] before = new float[columns];
            w.dequantizeRow(rows - 1, before, 0);
            QuantizedVector x = new QuantizedVector();
            float[] input = new float[columns];
            for (int i = 0; i < columns; i++) {
                input[i] = (float) rnd.nextGaussian();
            }
            x.quantize(input, ActivationFormat.forWeights(type));
            float[] plain = new float[rows];
            new ScalarKernelBackend().matVec(w, x, plain, 0, rows);
            float[] tiled = new float[rows];
            backend.matVec(w, x, tiled, 0, rows); // copies (and repacks), then releases the mapped pages
            float[] again = new float[columns];
            w.dequantizeRow(rows - 1, again, 0);
            assertThat(again).containsExactly(before);
            // rows read from the copy (an embedding lookup) equal the tensor's own
            for (int r : new int[] {0, 15, 16, 517, rows - 1}) {
                float[] fromTensor = new float[columns];
                float[] fromCopy = new float[columns];
                w.dequantizeRow(r, fromTensor, 0);
                backend.dequantizeRow(w, r, fromCopy);
                assertThat(fromCopy).as("row %d", r).containsExactly(fromTensor);
            }
            for (int r = 0; r < rows; r++) {
                assertThat(tiled[r]).as("row %d", r).isCloseTo(plain[r], org.assertj.core.data.Offset.offset(1e-3f * (1 + Math.abs(plain[r]))));
            }
        }
    }
}
