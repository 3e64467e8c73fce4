package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Objects;

/**
 * Base of the block-quantized types: a row is a sequence of blocks of {@link GgmlType#blockSize()}
 * elements, each {@link GgmlType#bytesPerBlock()} bytes. A subclass decodes one block; dot products
 * decode block by block unless a subclass has a faster kernel.
 */
abstract sealed class BlockTensor extends Tensor
        permits Q4_0Tensor, Q4_1Tensor, Q5_0Tensor, Q5_1Tensor, Q8_0Tensor, Q8_1Tensor,
        Q2_KTensor, Q3_KTensor, Q4_KTensor, Q5_KTensor, Q6_KTensor, Q8_KTensor, IQ4_NLTensor, IQ4_XSTensor {

    final MemorySegment data;
    final int blockSize;
    final int blockBytes;
    final int blocksPerRow;
    final long rowBytes;

    BlockTensor(MemorySegment data, long[] shape) {
        super(shape);
        this.data = data;
        this.blockSize = type().blockSize();
        this.blockBytes = type().bytesPerBlock();
        this.blocksPerRow = columns() / blockSize;
        this.rowBytes = (long) blocksPerRow * blockBytes;
    }

    /** Decodes the block at byte {@code offset} of the data into {@code blockSize} floats of {@code out}. */
    abstract void dequantizeBlock(long offset, float[] out, int outOffset);

    @Override
    public float get(long index) {
        Objects.checkIndex(index, size());
        long block = index / blockSize;
        float[] tmp = new float[blockSize];
        dequantizeBlock(block * blockBytes, tmp, 0);
        return tmp[(int) (index % blockSize)];
    }

    @Override
    public void dequantizeRow(int row, float[] out, int outOffset) {
        checkRow(row);
        Objects.checkFromIndexSize(outOffset, columns(), out.length);
        long base = row * rowBytes;
        for (int b = 0; b < blocksPerRow; b++) {
            dequantizeBlock(base + (long) b * blockBytes, out, outOffset + b * blockSize);
        }
    }

    @Override
    public float dot(int row, float[] x, int xOffset) {
        checkRow(row);
        checkX(x, xOffset);
        float[] tmp = new float[blockSize];
        long base = row * rowBytes;
        float sum = 0f;
        for (int b = 0; b < blocksPerRow; b++) {
            sum += dotBlock(base + (long) b * blockBytes, x, xOffset + b * blockSize, tmp);
        }
        return sum;
    }

    /**
     * {@code sum_j w[j] * x[xo + j]} over the block at byte {@code o}; by default decoded into {@code tmp}
     * (blockSize floats) first, a subclass may compute it on the stored encoding.
     */
    float dotBlock(long o, float[] x, int xo, float[] tmp) {
        dequantizeBlock(o, tmp, 0);
        float s = 0f;
        for (int j = 0; j < blockSize; j++) {
            s += tmp[j] * x[xo + j];
        }
        return s;
    }
}
