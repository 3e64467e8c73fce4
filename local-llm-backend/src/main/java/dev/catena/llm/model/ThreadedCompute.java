package dev.catena.llm.model;

import dev.catena.llm.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * {@link Compute} on the {@link Tensor} kernels, splitting rows over a small fixed pool of daemon threads
 * (the calling thread does one share). Calls from concurrent conversations share the pool.
 */
public final class ThreadedCompute implements Compute {

    /** Batches at least this large decode each weight row once and reuse it for every vector. */
    private static final int DECODE_ONCE_BATCH = 4;

    private final int threads;
    private final ExecutorService pool;

    /** @param threads total threads, at least 1 ({@code 1} computes on the calling thread only) */
    public ThreadedCompute(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "catena-llm-compute");
            t.setDaemon(true);
            return t;
        });
    }

    /** A compute with one thread per available processor. */
    public static ThreadedCompute withAvailableProcessors() {
        return new ThreadedCompute(Runtime.getRuntime().availableProcessors());
    }

    @Override
    public int threads() {
        return threads;
    }

    @Override
    public void matVec(Tensor w, float[] x, float[] out) {
        if (threads == 1) {
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
        if (threads == 1) {
            for (int i = 0; i < n; i++) {
                body.accept(i);
            }
            return;
        }
        chunks(n, (start, end) -> {
            for (int i = start; i < end; i++) {
                body.accept(i);
            }
        });
    }

    private interface Range {
        void run(int start, int end);
    }

    private void chunks(int n, Range range) {
        int parts = Math.min(threads, n);
        if (parts <= 1) {
            range.run(0, n);
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int p = 1; p < parts; p++) {
            int start = (int) ((long) n * p / parts);
            int end = (int) ((long) n * (p + 1) / parts);
            futures.add(pool.submit(() -> range.run(start, end)));
        }
        range.run(0, (int) ((long) n / parts));
        try {
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            futures.forEach(f -> f.cancel(true));
            throw new IllegalStateException("interrupted during a forward pass", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
