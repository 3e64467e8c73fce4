package dev.catena.llm.compute;

import dev.catena.llm.tensor.Tensor;

import java.util.function.IntConsumer;

/**
 * The heavy arithmetic of a forward pass, behind one interface so that faster kernels can replace the
 * simple ones. Implementations are thread-safe: one instance serves every conversation of a model.
 */
public interface Compute extends AutoCloseable {

    /** {@code out[r] = sum_j w[r, j] * x[j]} for every row of {@code w}. */
    void matVec(Tensor w, float[] x, float[] out);

    /**
     * The same product for a batch of input vectors (prompt prefill): {@code outs[b] = w * xs[b]}.
     * Implementations may decode each weight row once for the whole batch.
     */
    default void matMul(Tensor w, float[][] xs, float[][] outs) {
        for (int b = 0; b < xs.length; b++) {
            matVec(w, xs[b], outs[b]);
        }
    }

    /**
     * Products of several matrices with the same inputs, {@code outs[i][b] = ws[i] * xs[b]}: the query, key
     * and value projections of a layer, or its gate and up projections. Implementations may quantize the
     * inputs once and split the rows of all the matrices between threads as one job.
     */
    default void matMulEach(Tensor[] ws, float[][] xs, float[][][] outs) {
        for (int i = 0; i < ws.length; i++) {
            matMul(ws[i], xs, outs[i]);
        }
    }

    /**
     * Row {@code row} of an embedding table as floats ({@code table.columns()} values into {@code out}).
     * Implementations that keep their own copy of a matrix read the row from it, so the mapped pages of an
     * embedding table that is also the output matrix stay released.
     */
    default void embed(Tensor table, int row, float[] out) {
        table.dequantizeRow(row, out, 0);
    }

    /** Runs {@code body} for 0 &lt;= i &lt; n, possibly in parallel; returns when all are done. */
    void parallelFor(int n, IntConsumer body);

    /** Number of threads used. */
    int threads();

    @Override
    void close();
}
