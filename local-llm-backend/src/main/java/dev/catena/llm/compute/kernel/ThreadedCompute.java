package dev.catena.llm.compute.kernel;

import dev.catena.llm.compute.Compute;
import dev.catena.llm.tensor.Tensor;

import java.util.function.IntConsumer;

/**
 * {@link Compute} on the {@link Tensor} kernels (the float path), splitting rows over a {@link WorkerPool}
 * (the calling thread does one share). Calls from concurrent conversations share the pool. A
 * {@link KernelCompute} takes this path, on its own pool, for weight types without kernels on its backend.
 */
public final class ThreadedCompute implements Compute {

    /** Batches at least this large decode each weight row once and reuse it for every vector. */
    private static final int DECODE_ONCE_BATCH = 4;

    private final WorkerPool workers;
    private final boolean ownsWorkers;

    /** @param threads total threads, at least 1 ({@code 1} computes on the calling thread only) */
    public ThreadedCompute(int threads) {
        this(new WorkerPool(threads), true);
    }

    /** A compute on {@code workers}, which it closes when it {@code owns} them. */
    ThreadedCompute(WorkerPool workers, boolean owns) {
        this.workers = workers;
        this.ownsWorkers = owns;
    }

    /** A compute with one thread per available processor. */
    public static ThreadedCompute withAvailableProcessors() {
        return new ThreadedCompute(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public int threads() {
        return workers.threads();
    }

    @Override
    public void matVec(Tensor w, float[] x, float[] out) {
        if (workers.threads() == 1) {
            w.matVec(x, out, 0, w.rows()); // no job object: a single thread allocates nothing
            return;
        }
        int rows = w.rows();
        chunks(rows, (start, end) -> w.matVec(x, out, start, end));
    }

    @Override
    public void matMul(Tensor w, float[][] xs, float[][] outs) {
        if (xs.length < DECODE_ONCE_BATCH) {
            Compute.super.matMul(w, xs, outs);
            return;
        }
        int cols = w.columns();
        chunks(w.rows(), (start, end) -> {
            float[] row = new float[cols];
            for (int r = start; r < end; r++) {
                w.dequantizeRow(r, row, 0);
                for (int b = 0; b < xs.length; b++) {
                    outs[b][r] = dot(row, xs[b], cols);
                }
            }
        });
    }

    /** A float dot product with four independent partial sums, so the JIT can overlap the multiply-adds. */
    static float dot(float[] a, float[] b, int n) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int j = 0;
        for (; j + 3 < n; j += 4) {
            s0 += a[j] * b[j];
            s1 += a[j + 1] * b[j + 1];
            s2 += a[j + 2] * b[j + 2];
            s3 += a[j + 3] * b[j + 3];
        }
        for (; j < n; j++) {
            s0 += a[j] * b[j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    @Override
    public void parallelFor(int n, IntConsumer body) {
        workers.parallelFor(n, body);
    }

    private interface Range {
        void run(int start, int end);
    }

    /** Runs {@code range} on up to {@link #threads()} even, contiguous shares of [0, n). */
    private void chunks(int n, Range range) {
        int parts = Math.min(workers.threads(), n);
        if (parts <= 1) {
            range.run(0, n);
            return;
        }
        workers.run(parts, p -> range.run((int) ((long) n * p / parts), (int) ((long) n * (p + 1) / parts)));
    }

    @Override
    public void close() {
        if (ownsWorkers) {
            workers.close();
        }
    }
}
