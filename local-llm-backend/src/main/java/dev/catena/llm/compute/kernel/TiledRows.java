package dev.catena.llm.compute.kernel;

import dev.catena.llm.tensor.GgmlType;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Single rows read back from weights repacked in tiles of 16 rows ({@code catena_tiles.h}, made by
 * {@code catena_repack_x16}), as floats exactly as {@code Tensor#dequantizeRow} decodes the stored blocks:
 * an embedding table tied to the output matrix is looked up here once its copy exists.
 */
final class TiledRows {

    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    /** IQ4_XS tiles: where the sub-block scales and the quants start in a block column, and its size. */
    static final int IQ4_XS_SCALES = 32;
    static final int IQ4_XS_QUANTS = 160;
    static final int IQ4_XS_COLUMN = IQ4_XS_QUANTS + 16 * 8 * 16;

    private TiledRows() {
    }

    /** Bytes of one block column of a tile of 16 rows of {@code type} (the C library's {@code catena_x16_block_bytes}). */
    static int columnBytes(GgmlType type) {
        return type == GgmlType.IQ4_XS ? IQ4_XS_COLUMN : 16 * type.bytesPerBlock();
    }

    /** Row {@code row} of a {@code type} matrix of {@code columns} columns, from its tiles. */
    static void dequantizeRow(MemorySegment tiles, GgmlType type, int columns, int row, float[] out) {
        int blocks = columns / type.blockSize();
        long column = columnBytes(type);
        long tile = (long) (row / 16) * blocks * column;
        int lane = row % 16;
        for (int i = 0; i < blocks; i++) {
            long at = tile + i * column;
            float d = Float.float16ToFloat(tiles.get(I16, at + 2L * lane));
            switch (type) {
                case Q8_0 -> {
                    for (int j = 0; j < 32; j++) {
                        out[i * 32 + j] = d * quant(tiles, at + 32, lane, j);
                    }
                }
                case Q4_0, IQ4_NL -> nibbles(tiles, at + 32, lane, d, type == GgmlType.IQ4_NL, out, i * 32);
                case IQ4_XS -> {
                    for (int s = 0; s < 8; s++) {
                        float scale = d * tiles.get(ValueLayout.JAVA_BYTE, at + IQ4_XS_SCALES + 16L * s + lane);
                        nibbles(tiles, at + IQ4_XS_QUANTS + 256L * s, lane, scale, true, out, i * 256 + 32 * s);
                    }
                }
                default -> throw new IllegalArgumentException("no tile layout for " + type);
            }
        }
    }

    /** Byte {@code j} of a row's 16 or 32 quant bytes in the chunks at {@code quants} (bytes 4c..4c+3 of row r at 64c + 4r). */
    private static byte quant(MemorySegment tiles, long quants, int lane, int j) {
        return tiles.get(ValueLayout.JAVA_BYTE, quants + 64L * (j / 4) + 4L * lane + j % 4);
    }

    /** 32 values from 16 quant bytes: Q4_0's {@code nibble - 8}, or the IQ4 code book's value, times {@code scale}. */
    private static void nibbles(MemorySegment tiles, long quants, int lane, float scale, boolean book, float[] out, int p) {
        for (int j = 0; j < 16; j++) {
            int q = quant(tiles, quants, lane, j) & 0xFF;
            out[p + j] = scale * (book ? JavaKernelBackend.IQ4_BOOK[q & 0x0F] : (q & 0x0F) - 8);
            out[p + j + 16] = scale * (book ? JavaKernelBackend.IQ4_BOOK[q >>> 4] : (q >>> 4) - 8);
        }
    }
}
