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

    /**
     * Scratch of one calling thread: quantized copies of a batch of vectors, grown on demand, and the jobs
     * handed to the workers, reused so that a generation step allocates nothing.
     */
    private final class Scratch {
        QuantizedVector[] vectors = {new QuantizedVector()};
        final ProductJob product = new ProductJob();
        final RangeJob range = new RangeJob();

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

    /** Part p of a product: the rows from start(rows, parts, p), for one vector or a batch. */
    private final class ProductJob implements IntConsumer {
        Tensor w;
        QuantizedVector[] qs;
        int count;
        float[] out;
        float[][] outs;
        int rows;
        int parts;

        void run(Tensor w, QuantizedVector[] qs, int count, float[] out, float[][] outs) {
            this.w = w;
            this.qs = qs;
            this.count = count;
            this.out = out;
            this.outs = outs;
            this.rows = w.rows();
            this.parts = parts(rows);
            try {
                workers.run(parts, this);
            } finally {
                this.w = null;
                this.out = null;
                this.outs = null;
            }
        }

        @Override
        public void accept(int p) {
            int from = start(rows, parts, p);
            int to = start(rows, parts, p + 1);
            if (outs == null) {
                backend.matVec(w, qs[0], out, from, to);
            } else {
                backend.matMul(w, qs, count, outs, from, to);
            }
        }
    }

    /** Part p of a parallel loop over 0 &lt;= i &lt; n. */
    private static final class RangeJob implements IntConsumer {
        int n;
        int parts;
        IntConsumer body;

        @Override
        public void accept(int p) {
            int end = (int) ((long) n * (p + 1) / parts);
            for (int i = (int) ((long) n * p / parts); i < end; i++) {
                body.accept(i);
            }
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
        Scratch s = scratch.get();
        s.vectors[0].quantize(x, f);
        s.product.run(w, s.vectors, 1, out, null);
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
        Scratch s = scratch.get();
        QuantizedVector[] qs = s.atLeast(xs.length);
        for (int b = 0; b < xs.length; b++) {
            if (xs[b].length != w.columns()) {
                throw new IllegalArgumentException("vector " + b + " length " + xs[b].length + " != " + w.columns() + " columns of " + w);
            }
            qs[b].quantize(xs[b], f);
        }
        s.product.run(w, qs, xs.length, null, outs);
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
    public void embed(Tensor table, int row, float[] out) {
        backend.dequantizeRow(table, row, out);
    }

    @Override
    public void parallelFor(int n, IntConsumer body) {
        int parts = Math.min(workers.threads(), n);
        if (parts < 1) {
            return;
        }
        RangeJob job = scratch.get().range;
        job.n = n;
        job.parts = parts;
        job.body = body;
        try {
            workers.run(parts, job);
        } finally {
            job.body = null;
        }
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
