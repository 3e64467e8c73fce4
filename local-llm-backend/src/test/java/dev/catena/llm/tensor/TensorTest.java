package dev.catena.llm.tensor;

import dev.catena.llm.UnsupportedModelException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link TensorReferenceTest} cannot check against gguf-py: Q8_1 and the argument checks of {@link Tensor#of}. */
class TensorTest {

    /** ggml's block_q8_1: half d, half s (the sum, unused when dequantizing), 32 int8 quants. */
    @Test
    void q8_1DequantizesAsDTimesQ() {
        ByteBuffer b = ByteBuffer.allocate(72).order(ByteOrder.LITTLE_ENDIAN);
        for (int block = 0; block < 2; block++) {
            b.putShort(Float.floatToFloat16(block == 0 ? 0.5f : -0.25f));
            b.putShort(Float.floatToFloat16(1234f));
            for (int j = 0; j < 32; j++) {
                b.put((byte) (j * 8 - 128));
            }
        }
        Tensor t = Tensor.of(GgmlType.Q8_1, MemorySegment.ofArray(b.array()), new long[] {64});
        float[] out = new float[64];
        t.dequantizeRow(0, out, 0);
        float[] x = new float[64];
        double dot = 0;
        for (int j = 0; j < 64; j++) {
            float want = (j < 32 ? 0.5f : -0.25f) * ((j % 32) * 8 - 128);
            assertThat(out[j]).as("element " + j).isEqualTo(want);
            x[j] = j - 20;
            dot += (double) want * x[j];
        }
        assertThat((double) t.dot(0, x, 0)).isEqualTo(dot);
    }

    @Test
    void ofRejectsInconsistentArguments() {
        MemorySegment small = MemorySegment.ofArray(new byte[34]);
        assertThatThrownBy(() -> Tensor.of(GgmlType.Q8_0, small, new long[] {33}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a multiple of the Q8_0 block size 32");
        assertThatThrownBy(() -> Tensor.of(GgmlType.Q8_0, small, new long[] {64}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 68 bytes, the data has 34");
        assertThatThrownBy(() -> Tensor.of(GgmlType.IQ2_XXS, small, new long[] {256}))
                .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("IQ2_XXS");
        assertThatThrownBy(() -> Tensor.of(GgmlType.F32, small, new long[] {1, 1, 1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 4 dimensions");
        assertThatThrownBy(() -> Tensor.of(GgmlType.F32, small, new long[] {2, 0}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> GgmlType.fromId(31)).isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("31");
    }

    @Test
    void indexChecks() {
        Tensor t = Tensor.of(GgmlType.F32, MemorySegment.ofArray(new byte[32]), new long[] {4, 2});
        assertThat(t.rows()).isEqualTo(2);
        assertThat(t.columns()).isEqualTo(4);
        assertThatThrownBy(() -> t.dot(2, new float[4], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.dot(0, new float[4], 1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.get(8)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
