package dev.catena.llm.kernel;

import dev.catena.llm.model.Compute;
import dev.catena.llm.model.ThreadedCompute;
import dev.catena.llm.tensor.Tensor;

import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * {@link Compute} on a {@link KernelBackend}: each input vector is quantized to 8 bits once per product
 * (on the calling thread, into scratch reused per thread), then the rows are split over a persistent
 * {@link WorkerPool} of spinning workers. Weight types without integer kernels (F32, F16, other quants)
 * take the float path of {@link ThreadedCompute}. Thread-safe: concurrent callers have their own scratch.
 */
public final class KernelCompute implements Compute {

    private final ThreadedCompute pool;
    private final WorkerPool workers;
    private final KernelBackend backend;
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    /** Scratch of one calling thread: quantized copies of a batch of vectors, grown on demand. */
    private static final class Scratch {
        QuantizedVector[] vectors = {new QuantizedVector()};

        QuantizedVector[] atLeast(int n) {
            if (vectors.length < n) {
                QuantizedVector[] v = java.util.Arrays.copyOf(vectors, Math.max(n, 2 * vectors.length));
                for (int i = vectors.length; i < v.length; i++) {
                    v[i] = new QuantizedVector();
                }
                vectors = v;
            }
            return vectors;
        }
    }

    public KernelCompute(int threads, KernelBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.pool = new ThreadedCompute(threads);
        this.workers = new WorkerPool(threads);
    }

    /** A compute on {@link KernelBackends#preferred()}. */
    public static KernelCompute preferred(int threads) {
        return new KernelCompute(threads, KernelBackends.preferred());
    }

    public KernelBackend backend() {
        return backend;
    }

    @Override
    public void matVec(Tensor w, float[] x, float[] out) {
        ActivationFormat f = ActivationFormat.forWeights(w.type());
        if (f == null || !backend.supports(w.type())) {
            pool.matVec(w, x, out);
            return;
        }
        if (x.length != w.columns()) {
            throw new IllegalArgumentException("vector length " + x.length + " != " + w.columns() + " columns of " + w);
        }
        QuantizedVector q = scratch.get().vectors[0].quantize(x, f);
        int rows = w.rows();
        int parts = parts(rows);
        workers.run(parts, p -> backend.matVec(w, q, out, start(rows, parts, p), start(rows, parts, p + 1)));
    }

    @Override
    public void matMul(Tensor w, float[][] xs, float[][] outs) {
        ActivationFormat f = ActivationFormat.forWeights(w.type());
        if (f == null || !backend.supports(w.type())) {
            pool.matMul(w, xs, outs);
            return;
        }
        if (xs.length == 1) {
            matVec(w, xs[0], outs[0]);
            return;
        }
        QuantizedVector[] qs = scratch.get().atLeast(xs.length);
        for (int b = 0; b < xs.length; b++) {
            if (xs[b].length != w.columns()) {
                throw new IllegalArgumentException("vector " + b + " length " + xs[b].length + " != " + w.columns() + " columns of " + w);
            }
            qs[b].quantize(xs[b], f);
        }
        int rows = w.rows();
        int parts = parts(rows);
        int count = xs.length;
        workers.run(parts, p -> backend.matMul(w, qs, count, outs, start(rows, parts, p), start(rows, parts, p + 1)));
    }

    private int parts(int rows) {
        return Math.max(1, Math.min(pool.threads(), rows / KernelBackend.ROW_TILE));
    }

    /** Start of part {@code p} of {@code parts}, rounded to whole row tiles. */
    private static int start(int rows, int parts, int p) {
        if (p >= parts) {
            return rows;
        }
        int s = (int) ((long) rows * p / parts);
        return s - s % KernelBackend.ROW_TILE;
    }

    @Override
    public void parallelFor(int n, IntConsumer body) {
        int parts = Math.min(workers.threads(), n);
        if (parts < 1) {
            return;
        }
        workers.run(parts, p -> {
            int end = (int) ((long) n * (p + 1) / parts);
            for (int i = (int) ((long) n * p / parts); i < end; i++) {
                body.accept(i);
            }
        });
    }

    @Override
    public int threads() {
        return pool.threads();
    }

    @Override
    public void close() {
        workers.close();
        pool.close();
    }
}
