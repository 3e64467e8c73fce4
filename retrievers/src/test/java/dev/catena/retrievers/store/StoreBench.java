package dev.catena.retrievers.store;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The recall/latency benchmark every vector store runs (a store's bench class opens the store and
 * calls {@link #run}): N vectors of dimension D ({@link BenchVectors}: clustered or uniform on the
 * sphere) added in batches of 1000 with a short text each, then Q top-10 queries (after 50 warm-up
 * queries) compared with an exact brute-force top 10. Prints ingestion rate, query latency p50/p99 and recall@10.
 */
public final class StoreBench {

    private static final int BATCH = 1000;
    private static final int K = 10;
    private static final int WARMUP = 50;

    private StoreBench() {}

    /** Runs the benchmark on {@code store} (empty, of dimension {@code dim}); {@code label} names the configuration. */
    public static void run(EmbeddingStore<TextSegment> store, int n, int dim, int queries, boolean uniform, String label) {
        BenchVectors data = BenchVectors.generate(n, dim, WARMUP + queries, uniform);

        long start = System.nanoTime();
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            List<String> ids = new ArrayList<>(to - from);
            List<Embedding> embeddings = new ArrayList<>(to - from);
            List<TextSegment> segments = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                ids.add(BenchVectors.id(i));
                embeddings.add(new Embedding(data.vector(i)));
                segments.add(TextSegment.from(BenchVectors.text(i)));
            }
            store.addAll(ids, embeddings, segments);
        }
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "ingested %d vectors (dim %d) in %.1f s: %.0f vectors/s%n", n, dim, ingestSeconds,
                n / ingestSeconds);

        long[] latencies = new long[queries];
        double recall = 0;
        for (int q = 0; q < data.queryCount(); q++) {
            EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                    .queryEmbedding(new Embedding(data.query(q))).maxResults(K).build();
            long t0 = System.nanoTime();
            List<EmbeddingMatch<TextSegment>> found = store.search(request).matches();
            long t1 = System.nanoTime();
            if (q >= WARMUP) {
                latencies[q - WARMUP] = t1 - t0;
                Set<String> exact = data.exactTop(data.query(q), K);
                long hits = found.stream().filter(m -> exact.contains(m.embeddingId())).count();
                recall += hits / (double) K;
            }
        }
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%s data, %s: ", uniform ? "uniform" : "clustered", label);
        System.out.printf(Locale.ROOT, "%d queries (top %d): p50 %.2f ms, p99 %.2f ms, max %.2f ms; recall@%d vs exact %.3f%n",
                queries, K, latencies[queries / 2] / 1e6, latencies[(int) Math.ceil(queries * 0.99) - 1] / 1e6,
                latencies[queries - 1] / 1e6, K, recall / queries);
    }
}
