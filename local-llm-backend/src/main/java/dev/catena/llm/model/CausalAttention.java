package dev.catena.llm.model;

import dev.catena.llm.compute.Compute;
import dev.catena.llm.compute.VectorMath;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * Causal (optionally sliding-window) attention of a batch of queries over a {@link KvCache}, tiled as
 * in flash attention: keys and values are read in tiles of {@link #KEY_TILE} positions, and each query
 * keeps a running maximum and sum of its softmax (online softmax), so no row of scores is ever held
 * whole. One task covers the query heads that share a KV head (GQA) for a tile of
 * {@link #QUERY_TILE} queries, so each key/value tile is decoded once for all of them (split between
 * tasks only when there are fewer such pairs than threads); tasks run in parallel through
 * {@link Compute#parallelFor}. Key tiles start at multiples of {@link #KEY_TILE}
 * positions, so a query gets the same result whether it comes alone or in a batch.
 *
 * <p>One instance per {@link ForwardState}, reused for every layer and step (it is the job passed to
 * {@code parallelFor}, so a step allocates nothing). Not thread-safe across calls.
 */
final class CausalAttention implements IntConsumer {

    static final int KEY_TILE = 64;
    static final int QUERY_TILE = 16;
    /** Query heads of a group whose scores and outputs are computed together (sharing each key and value load). */
    private static final int HEADS_AT_ONCE = 4;

    /** Per-thread tiles of decoded keys and values, scores and softmax statistics, grown on demand. */
    private static final ThreadLocal<Tiles> TILES = ThreadLocal.withInitial(Tiles::new);

    private final int headDim;
    private final int kvHeads;
    private final int group;
    private final int window;
    private final float scale;

    // the call in progress: segment i holds rows rowStart[i] <= b < rowStart[i + 1], the queries of caches[i]
    // from its position pos0[i] on; its tasks are taskStart[i] <= task < taskStart[i + 1]
    private KvCache[] caches = new KvCache[1];
    private int[] pos0s = new int[1];
    private int[] rowStart = new int[2];
    private int[] taskStart = new int[2];
    private int segments;
    private int layer;
    private boolean sliding;
    private float[][] q;
    private float[][] out;
    private int headsPerTask;
    private int split;

    CausalAttention(ModelConfig c) {
        this.headDim = c.headDim();
        this.kvHeads = c.kvHeads();
        this.group = c.heads() / c.kvHeads();
        this.window = c.slidingWindow();
        this.scale = c.attentionScale();
    }

    /**
     * Writes to {@code out[b]} (all query heads) the attention of the queries {@code q[b]} at positions
     * {@code pos0 + b} over the keys and values of {@code layer} the cache holds up to each position.
     */
    void run(Compute compute, KvCache cache, int layer, boolean sliding, int pos0, float[][] q, float[][] out) {
        caches[0] = cache;
        pos0s[0] = pos0;
        rowStart[0] = 0;
        rowStart[1] = q.length;
        run(compute, 1, layer, sliding, q, out);
    }

    /**
     * The attention of several sequences in one job (batched decoding): rows {@code rows[i] <= b < rows[i + 1]}
     * of {@code q} are the queries of {@code caches[i]} at positions {@code pos0[i]} on. Each query sees only its
     * own cache, and gets the same result as in {@link #run(Compute, KvCache, int, boolean, int, float[][],
     * float[][])}.
     */
    void run(Compute compute, KvCache[] caches, int[] pos0, int[] rows, int segments, int layer, boolean sliding,
             float[][] q, float[][] out) {
        if (this.caches.length < segments) {
            this.caches = new KvCache[segments];
            this.pos0s = new int[segments];
            this.rowStart = new int[segments + 1];
            this.taskStart = new int[segments + 1];
        }
        System.arraycopy(caches, 0, this.caches, 0, segments);
        System.arraycopy(pos0, 0, this.pos0s, 0, segments);
        System.arraycopy(rows, 0, this.rowStart, 0, segments + 1);
        run(compute, segments, layer, sliding, q, out);
    }

    private void run(Compute compute, int segments, int layer, boolean sliding, float[][] q, float[][] out) {
        this.segments = segments;
        this.layer = layer;
        this.sliding = sliding;
        this.q = q;
        this.out = out;
        int pairs = 0;
        for (int i = 0; i < segments; i++) {
            pairs += kvHeads * ((rowStart[i + 1] - rowStart[i] + QUERY_TILE - 1) / QUERY_TILE);
        }
        // with fewer (KV head, query tile) pairs than threads (generating with few KV heads), a task takes
        // part of a group's query heads
        int parts = Math.min(group, (compute.threads() + pairs - 1) / pairs);
        headsPerTask = (group + parts - 1) / parts;
        split = (group + headsPerTask - 1) / headsPerTask;
        taskStart[0] = 0;
        for (int i = 0; i < segments; i++) {
            taskStart[i + 1] = taskStart[i] + split * kvHeads * ((rowStart[i + 1] - rowStart[i] + QUERY_TILE - 1) / QUERY_TILE);
        }
        try {
            compute.parallelFor(pairs * split, this);
        } finally {
            java.util.Arrays.fill(this.caches, 0, segments, null);
            this.q = null;
            this.out = null;
        }
    }

    /** The first position the query at {@code pos} sees. */
    private int first(int pos) {
        return sliding ? Math.max(0, pos - window + 1) : 0;
    }

    /**
     * Task {@code task} of its segment: part {@code task % split} of the query heads of KV head {@code g}, for
     * query tile {@code task / split / kvHeads} of the segment.
     */
    @Override
    public void accept(int globalTask) {
        int seg = 0;
        while (taskStart[seg + 1] <= globalTask) {
            seg++;
        }
        int task = globalTask - taskStart[seg];
        KvCache cache = caches[seg];
        int pos0 = pos0s[seg] - rowStart[seg]; // the position of row b is pos0 + b
        int g = task / split % kvHeads;
        int h0 = task % split * headsPerTask; // heads h0 <= i < h1 of the group
        int h1 = Math.min(group, h0 + headsPerTask);
        int b0 = rowStart[seg] + task / split / kvHeads * QUERY_TILE;
        int b1 = Math.min(rowStart[seg + 1], b0 + QUERY_TILE);
        int hd = headDim;
        Tiles t = TILES.get().fit(group * QUERY_TILE, hd);
        for (int b = b0; b < b1; b++) {
            Arrays.fill(out[b], (g * group + h0) * hd, (g * group + h1) * hd, 0f);
        }
        int rows = group * (b1 - b0);
        Arrays.fill(t.max, 0, rows, Float.NEGATIVE_INFINITY);
        Arrays.fill(t.sum, 0, rows, 0f);
        int lo = first(pos0 + b0);
        int hi = pos0 + b1 - 1;
        for (int tile = lo - lo % KEY_TILE; tile <= hi; tile += KEY_TILE) {
            int ks = Math.max(tile, lo);
            int ke = Math.min(tile + KEY_TILE, hi + 1);
            cache.readKeys(layer, g, ks, ke - ks, t.keys);
            transpose(t.keys, ke - ks, hd, t.keysT);
            cache.readValues(layer, g, ks, ke - ks, t.values);
            for (int b = b0; b < b1; b++) {
                int pos = pos0 + b;
                int from = Math.max(ks, first(pos));
                int to = Math.min(ke, pos + 1);
                if (from >= to) {
                    continue;
                }
                int j0 = from - ks; // the query's keys are j0 <= j < j0 + count of the tile
                int count = to - from;
                for (int i = h0; i < h1; i += HEADS_AT_ONCE) {
                    int heads = Math.min(HEADS_AT_ONCE, h1 - i);
                    int qOff = (g * group + i) * hd;
                    VectorMath.scores(q[b], qOff, heads, t.keysT, KEY_TILE, hd, to - ks, t.scores);
                    // the online softmax update of each head's running max, sum and output
                    for (int h = 0; h < heads; h++) {
                        int r = (b - b0) * group + i + h;
                        int s0 = h * KEY_TILE + j0;
                        float max = t.max[r];
                        for (int j = s0; j < s0 + count; j++) {
                            t.scores[j] *= scale;
                            max = Math.max(max, t.scores[j]);
                        }
                        float correction = (float) Math.exp(t.max[r] - max);
                        t.sum[r] = t.sum[r] * correction + VectorMath.expMinus(t.scores, s0, count, max);
                        t.max[r] = max;
                        if (correction != 1f) {
                            VectorMath.scale(out[b], qOff + h * hd, hd, correction);
                        }
                    }
                    VectorMath.addWeightedRows(out[b], qOff, heads, t.values, j0 * hd, t.scores, j0, KEY_TILE, count, hd);
                }
            }
        }
        for (int b = b0; b < b1; b++) {
            for (int i = h0; i < h1; i++) {
                float sum = t.sum[(b - b0) * group + i];
                VectorMath.scale(out[b], (g * group + i) * hd, hd, 1f / sum);
            }
        }
    }

    /**
     * {@code kt[d * KEY_TILE + j] = keys[j * hd + d]}: the key tile with one row per dimension, 16
     * dimensions at a time so that the lines read and written stay in the L1 cache.
     */
    private static void transpose(float[] keys, int count, int hd, float[] kt) {
        for (int d0 = 0; d0 < hd; d0 += 16) {
            int d1 = Math.min(hd, d0 + 16);
            for (int j = 0; j < count; j++) {
                for (int d = d0; d < d1; d++) {
                    kt[d * KEY_TILE + j] = keys[j * hd + d];
                }
            }
        }
    }

    private static final class Tiles {
        float[] keys = new float[0];
        float[] keysT = new float[0];
        float[] values = new float[0];
        final float[] scores = new float[HEADS_AT_ONCE * KEY_TILE];
        float[] max = new float[0];
        float[] sum = new float[0];

        /** Makes room for {@code rows} queries of width {@code hd}. */
        Tiles fit(int rows, int hd) {
            if (keys.length < KEY_TILE * hd) {
                keys = new float[KEY_TILE * hd];
                keysT = new float[KEY_TILE * hd];
                values = new float[KEY_TILE * hd];
            }
            if (max.length < rows) {
                max = new float[rows];
                sum = new float[rows];
            }
            return this;
        }
    }
}
