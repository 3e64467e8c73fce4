package dev.catena.llm.gguf.fuzz;

import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufFormatException;
import dev.catena.llm.gguf.GgufTensorInfo;
import dev.catena.llm.UnsupportedModelException;
import dev.catena.llm.tensor.Tensor;

import java.lang.foreign.MemorySegment;

/**
 * Fuzz target: untrusted bytes parsed as a GGUF file, then every metadata value and every computable
 * tensor read (first and last element, first row dequantized and multiplied). Only
 * {@link GgufFormatException} and {@link UnsupportedModelException} may escape. Seeds are small valid
 * files written by {@code GgufWriter} and gguf-py.
 */
public final class GgufReaderFuzzer {

    /** Rows longer than this are not dequantized (the parser already bounds them by the input size). */
    private static final int MAX_COLUMNS = 1 << 20;

    private GgufReaderFuzzer() {
    }

    public static void fuzzerTestOneInput(byte[] data) {
        GgufFile file;
        try {
            file = GgufFile.read(MemorySegment.ofArray(data), "fuzz-input.gguf");
        } catch (GgufFormatException | UnsupportedModelException expected) {
            return;
        }
        for (String key : file.metadata().keys()) {
            file.metadata().get(key).orElseThrow().hashCode();
        }
        for (GgufTensorInfo info : file.tensorInfos()) {
            if (!info.type().isComputable()) {
                continue;
            }
            Tensor t;
            try {
                t = file.tensor(info.name());
            } catch (UnsupportedModelException expected) {
                continue;
            }
            float first = t.get(0);
            float last = t.get(t.size() - 1);
            if (t.columns() <= MAX_COLUMNS) {
                float[] row = new float[t.columns()];
                t.dequantizeRow(t.rows() - 1, row, 0);
                float dot = t.dot(0, row, 0);
                if (Float.isNaN(first + last + dot) && t.columns() < 0) {
                    throw new AssertionError("unreachable; keeps the reads from being optimised away");
                }
            }
        }
        file.close();
    }
}
