package dev.catena.llm.compute.kernel;

import dev.catena.llm.compute.Compute;
import dev.catena.llm.tensor.Tensor;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * {@link Compute} on a {@link KernelBackend}: each input vector is quantized to 8 bits once per product
 * (on the calling thread, into scratch reused per thread; once for several matrices that share the input,
 * see {@link #matMulEach}), then the rows are split over a persistent {@link WorkerPool} of spinning
 * workers. Weight types without kernels on the backend take the float path of
 * {@link ThreadedCompute} on the same workers, and so do the parallel loops: one pool per compute.
 * Thread-safe: concurrent callers have their own scratch.
 *
 * <p>The rows are split in tiles of {@link KernelBackend#ROW_TILE}: each thread first streams a contiguous
 * share of {@link #STATIC_PERCENT} percent of them, then all threads take the rest from a shared counter in
 * chunks that shrink as it runs out (guided scheduling, down to one tile), so that a worker that wakes late
 * or runs slower leaves the others waiting for one tile at most.
 */
public final class KernelCompute implements Compute {

    /** The share of the row tiles split evenly and contiguously between the threads; the rest is shared. */
    static final int STATIC_PERCENT = 75;

    private final ThreadedCompute floats;
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
        /** One matrix with one input vector ({@link #matVec}) or a batch ({@link #matMul}), as {@link #matMulEach} takes them. */
        final Tensor[] oneMatrix = new Tensor[1];
        final float[][] oneInput = new float[1][];
        final float[][] oneOutput = new float[1][];
        final float[][][] oneVectorOut = {oneOutput};
        final float[][][] oneBatchOut = new float[1][][];
        final float[][] vectorOuts = new float[ProductJob.MAX_MATRICES][];

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

    /**
     * The products of one or more matrices with the same quantized input(s), their row tiles numbered one
     * after the other: part p runs its static share, then takes chunks of the remainder.
     */
    private final class ProductJob implements IntConsumer {
        private static final int MAX_MATRICES = 4;
        final int[] firstTile = new int[MAX_MATRICES + 1];
        /** The first tile of the shared remainder not yet taken. */
        final AtomicInteger nextTile = new AtomicInteger();
        Tensor[] ws;
        int matrices;
        QuantizedVector[] qs;
        int count;
        /** Per matrix: the output vector (one input), or the batch of outputs. */
        float[][] outs;
        float[][][] batchOuts;
        int parts;
        int staticTiles;

        void run(Tensor[] ws, int matrices, QuantizedVector[] qs, int count, float[][] outs, float[][][] batchOuts) {
            this.ws = ws;
            this.matrices = matrices;
            this.qs = qs;
            this.count = count;
            this.outs = outs;
            this.batchOuts = batchOuts;
            for (int i = 0; i < matrices; i++) {
                firstTile[i + 1] = firstTile[i] + (ws[i].rows() + KernelBackend.ROW_TILE - 1) / KernelBackend.ROW_TILE;
            }
            int tiles = firstTile[matrices];
            parts = Math.max(1, Math.min(workers.threads(), tiles));
            staticTiles = parts == 1 ? tiles : tiles * STATIC_PERCENT / 100 / parts;
            nextTile.set(parts * staticTiles);
            try {
                workers.run(parts, this);
            } finally {
                this.ws = null;
                this.outs = null;
                this.batchOuts = null;
            }
        }

        @Override
        public void accept(int p) {
            tiles(p * staticTiles, (p + 1) * staticTiles);
            int end = firstTile[matrices];
            for (int from = nextTile.get(); from < end; from = nextTile.get()) {
                int n = Math.max(1, (end - from) / (2 * parts));
                if (nextTile.compareAndSet(from, from + n)) {
                    tiles(from, from + n);
                }
            }
        }

        /** Tiles [from, to) of the numbering, cut at the matrices' bounds. */
        private void tiles(int from, int to) {
            for (int i = 0; i < matrices && from < to; i++) {
                if (from >= firstTile[i + 1]) {
                    continue;
                }
                int upTo = Math.min(to, firstTile[i + 1]);
                Tensor w = ws[i];
                int rowStart = (from - firstTile[i]) * KernelBackend.ROW_TILE;
                int rowEnd = Math.min(w.rows(), (upTo - firstTile[i]) * KernelBackend.ROW_TILE);
                if (batchOuts == null) {
                    backend.matVec(w, qs[0], outs[i], rowStart, rowEnd);
                } else {
                    backend.matMul(w, qs, count, batchOuts[i], rowStart, rowEnd);
                }
                from = upTo;
            }
        }
    }

    public KernelCompute(int threads, KernelBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.workers = new WorkerPool(threads);
        this.floats = new ThreadedCompute(workers, false);
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
        if (format(w) == null) {
            floats.matVec(w, x, out);
            return;
        }
        Scratch s = scratch.get();
        s.oneMatrix[0] = w;
        s.oneInput[0] = x;
        s.oneOutput[0] = out;
        matMulEach(s.oneMatrix, s.oneInput, s.oneVectorOut);
    }

    @Override
    public void matMul(Tensor w, float[][] xs, float[][] outs) {
        if (format(w) == null) {
            floats.matMul(w, xs, outs);
            return;
        }
        Scratch s = scratch.get();
        s.oneMatrix[0] = w;
        s.oneBatchOut[0] = outs;
        matMulEach(s.oneMatrix, xs, s.oneBatchOut);
    }

    /**
     * Quantizes the inputs once and splits the rows of all the matrices between the threads as one job, when
     * the matrices take the same activation format (up to four of them); otherwise one product at a time.
     */
    @Override
    public void matMulEach(Tensor[] ws, float[][] xs, float[][][] outs) {
        ActivationFormat f = ws.length <= ProductJob.MAX_MATRICES ? format(ws[0]) : null;
        for (int i = 1; i < ws.length && f != null; i++) {
            if (format(ws[i]) != f) {
                f = null;
            }
        }
        if (f == null) {
            Compute.super.matMulEach(ws, xs, outs);
            return;
        }
        for (Tensor w : ws) {
            if (w.columns() != ws[0].columns()) {
                throw new IllegalArgumentException(w + " and " + ws[0] + " differ in columns: they cannot share inputs");
            }
        }
        Scratch s = scratch.get();
        QuantizedVector[] qs = quantize(s, ws[0], f, xs);
        if (xs.length == 1) {
            for (int i = 0; i < ws.length; i++) {
                s.vectorOuts[i] = outs[i][0];
            }
            s.product.run(ws, ws.length, qs, 1, s.vectorOuts, null);
        } else {
            s.product.run(ws, ws.length, qs, xs.length, null, outs);
        }
    }

    /**
     * The activation format of {@code w}'s kernels on this backend, or null for the float path (no kernels,
     * or a tensor over a Java array rather than stored bytes).
     */
    private ActivationFormat format(Tensor w) {
        ActivationFormat f = ActivationFormat.forWeights(w.type());
        return f != null && backend.supports(w.type()) && w.blockData() != null ? f : null;
    }

    private QuantizedVector[] quantize(Scratch s, Tensor w, ActivationFormat f, float[][] xs) {
        QuantizedVector[] qs = s.atLeast(xs.length);
        for (int b = 0; b < xs.length; b++) {
            checkInput(w, xs[b], b);
            backend.quantize(xs[b], f, qs[b]);
        }
        return qs;
    }

    private static void checkInput(Tensor w, float[] x, int b) {
        if (x.length != w.columns()) {
            throw new IllegalArgumentException("vector " + b + " length " + x.length + " != " + w.columns() + " columns of " + w);
        }
    }

    @Override
    public void embed(Tensor table, int row, float[] out) {
        backend.dequantizeRow(table, row, out);
    }

    @Override
    public void parallelFor(int n, IntConsumer body) {
        workers.parallelFor(n, body);
    }

    @Override
    public int threads() {
        return workers.threads();
    }

    @Override
    public void close() {
        workers.close();
    }
}
