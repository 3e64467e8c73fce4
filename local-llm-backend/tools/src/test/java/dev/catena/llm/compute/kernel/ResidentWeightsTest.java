package dev.catena.llm.compute.kernel;

import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.tools.GgufWriter;
import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;
import dev.catena.testing.ExternalInputs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Weights mapped from a file and copied by the native backend into huge-page memory (Q4_0 and Q8_0
 * repacked in tiles, K-quants as stored), which then releases the mapped pages: the products equal the
 * scalar kernels' on the mapping, and the file's values still read back unchanged afterwards.
 */
class ResidentWeightsTest {

    @ParameterizedTest
    @EnumSource(value = GgmlType.class, names = {"Q4_0", "Q8_0", "Q4_K", "Q6_K"})
    void copiedProductsMatchAndTheMappedFileStaysReadable(GgmlType type, @TempDir Path dir) throws Exception {
        NativeKernelBackend backend = nativeKernels();
        int rows = 1000;
        int columns = 2048; // 8 MB of F32 source, about 1-2 MB quantized: several pages to release
        Random rnd = new Random(5);
        try (GgufFile gguf = GgufFile.open(writeRandom(dir, "w", type, rows, columns, rnd))) {
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

    /**
     * An embedding table that no product uses (not tied to the output) has no copy: its rows are read from the
     * mapping, and the pages each lookup maps (with the kernel's fault-around, up to 64 KiB) are released
     * again, so lookups over the whole table leave almost none of it resident.
     */
    @org.junit.jupiter.api.Test
    void lookupsInAnUncopiedTableLeaveItsPagesReleased(@TempDir Path dir) throws Exception {
        NativeKernelBackend backend = nativeKernels();
        ExternalInputs.require(java.nio.file.Files.isReadable(Path.of("/proc/self/smaps")), "/proc/self/smaps is not readable");
        int rows = 2000;
        int columns = 1024; // Q8_0: 1088 bytes a row, 2.2 MB in all
        Random rnd = new Random(6);
        try (GgufFile gguf = GgufFile.open(writeRandom(dir, "embd", GgmlType.Q8_0, rows, columns, rnd))) {
            Tensor embd = gguf.tensor("embd");
            float[][] expected = new float[rows][columns];
            for (int r = 0; r < rows; r++) { // the plain mapping: the whole table becomes resident
                embd.dequantizeRow(r, expected[r], 0);
            }
            assertThat(residentKb(embd.blockData().address())).isGreaterThan(1500);
            dev.catena.llm.gguf.PageAdvice.release(embd.blockData());
            for (int i = 0; i < 3000; i++) {
                int r = rnd.nextInt(rows);
                float[] actual = new float[columns];
                backend.dequantizeRow(embd, r, actual);
                assertThat(actual).as("row %d", r).containsExactly(expected[r]);
            }
            assertThat(residentKb(embd.blockData().address())).as("resident KiB after 3000 lookups").isLessThan(256);
        }
    }

    /** The native kernel backend, required as by {@link ExternalInputs#require}. */
    private static NativeKernelBackend nativeKernels() {
        StringBuilder why = new StringBuilder();
        NativeKernelBackend backend = NativeKernelBackend.load(why, null).orElse(null);
        ExternalInputs.require(backend != null, "no native kernels here: " + why);
        return backend;
    }

    /** A GGUF file in {@code dir} holding one tensor {@code name} of Gaussian values, quantized to {@code type}. */
    private static Path writeRandom(Path dir, String name, GgmlType type, int rows, int columns, Random rnd) throws java.io.IOException {
        float[] values = new float[rows * columns];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) rnd.nextGaussian();
        }
        Path file = dir.resolve(name + ".gguf");
        new GgufWriter().putString("general.architecture", "test").tensor(name, type, new long[] {columns, rows}, values).write(file);
        return file;
    }

    /** The resident size of the mapping that holds {@code address}, from /proc/self/smaps. */
    private static long residentKb(long address) throws java.io.IOException {
        boolean inside = false;
        for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/smaps"))) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^([0-9a-f]+)-([0-9a-f]+) ").matcher(line);
            if (m.find()) {
                inside = Long.parseUnsignedLong(m.group(1), 16) <= address && address < Long.parseUnsignedLong(m.group(2), 16);
            } else if (inside && line.startsWith("Rss:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no mapping holds address " + Long.toHexString(address));
    }
}
