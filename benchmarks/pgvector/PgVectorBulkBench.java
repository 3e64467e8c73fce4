import com.pgvector.PGvector;
import dev.catena.retrievers.pgvector.PgVectorEmbeddingStore;
import dev.catena.retrievers.store.BenchVectors;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.postgresql.PGConnection;

/**
 * pgvector at scale: N clustered unit vectors (the data of the stores' StoreBench, {@link BenchVectors})
 * into a PgVectorEmbeddingStore table on the server at CATENA_PG_URL.
 * Two ingest paths are timed: the store's own upserts (addAll, batches of 1,000, HNSW index live)
 * for the first UPSERT vectors, then the rest by COPY with the HNSW index dropped and rebuilt
 * afterwards (CREATE INDEX, m 16, ef_construction 64, as the store creates it). Then top-10 queries
 * through the store's search (ef_search 40) against an exact brute-force top 10 computed here:
 * latency p50/p99 and recall@10. The table is dropped at the end. Not a test: run by hand,
 * see benchmarks/pgvector/run.sh.
 *
 * <p>Arguments: N (100000), D (384), queries (500), UPSERT (2000).
 */
public final class PgVectorBulkBench {

    private static final int K = 10;
    private static final int WARMUP = 50;
    private static final int BATCH = 1000;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        int upserts = Math.min(n, args.length > 3 ? Integer.parseInt(args[3]) : 2000);
        String url = System.getenv().getOrDefault("CATENA_PG_URL", "jdbc:postgresql://127.0.0.1:55432/catena");
        String table = "bulkbench_" + System.nanoTime() % 1_000_000;

        BenchVectors data = BenchVectors.generate(n, dim, WARMUP + queries, false);

        PgVectorEmbeddingStore store = PgVectorEmbeddingStore.builder().url(url).user("catena").password("catena")
                .table(table).dimension(dim).hnsw(16, 64).connectTimeout(Duration.ofSeconds(60)).build();
        try (Connection c = DriverManager.getConnection(url, "catena", "catena")) {
            long t0 = System.nanoTime();
            for (int from = 0; from < upserts; from += BATCH) {
                int to = Math.min(upserts, from + BATCH);
                List<String> ids = new ArrayList<>();
                List<Embedding> embeddings = new ArrayList<>();
                List<TextSegment> segments = new ArrayList<>();
                for (int i = from; i < to; i++) {
                    ids.add(BenchVectors.id(i));
                    embeddings.add(new Embedding(data.vector(i)));
                    segments.add(TextSegment.from(BenchVectors.text(i)));
                }
                store.addAll(ids, embeddings, segments);
            }
            double upsertSeconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "store upserts (HNSW live): %d vectors in %.1f s: %.0f vectors/s%n",
                    upserts, upsertSeconds, upserts / upsertSeconds);

            try (Statement s = c.createStatement()) {
                s.execute("DROP INDEX \"" + table + "_hnsw\"");
            }
            long t1 = System.nanoTime();
            copy(c, table, data, upserts, n);
            double copySeconds = (System.nanoTime() - t1) / 1e9;
            long t2 = System.nanoTime();
            try (Statement s = c.createStatement()) {
                s.execute("SET maintenance_work_mem = '1GB'");
                s.execute("CREATE INDEX \"" + table + "_hnsw\" ON \"" + table
                        + "\" USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)");
                s.execute("ANALYZE \"" + table + "\"");
            }
            double indexSeconds = (System.nanoTime() - t2) / 1e9;
            System.out.printf(Locale.ROOT, "COPY %d vectors: %.1f s (%.0f vectors/s); HNSW build over %d: %.1f s;"
                            + " bulk ingest %.0f vectors/s%n", n - upserts, copySeconds, (n - upserts) / copySeconds, n,
                    indexSeconds, (n - upserts) / (copySeconds + indexSeconds));
            try (Statement s = c.createStatement(); var rs = s.executeQuery("SELECT count(*) FROM \"" + table + "\"")) {
                rs.next();
                System.out.printf(Locale.ROOT, "rows in the table: %d%n", rs.getLong(1));
            }

            long[] latencies = new long[queries];
            double recall = 0;
            for (int q = 0; q < data.queryCount(); q++) {
                EmbeddingSearchRequest request = EmbeddingSearchRequest.builder()
                        .queryEmbedding(new Embedding(data.query(q))).maxResults(K).build();
                long a = System.nanoTime();
                List<EmbeddingMatch<TextSegment>> found = store.search(request).matches();
                long b = System.nanoTime();
                if (q >= WARMUP) {
                    latencies[q - WARMUP] = b - a;
                    Set<String> exact = data.exactTop(data.query(q), K);
                    recall += found.stream().filter(m -> exact.contains(m.embeddingId())).count() / (double) K;
                }
            }
            report("through the store (its connection pool)", latencies, recall, queries);

            // The same query on one open connection: the index walk without connection set-up.
            recall = 0;
            try (Statement s = c.createStatement()) {
                s.execute("SET hnsw.ef_search = 40");
            }
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM \"" + table + "\" ORDER BY embedding <=> ? LIMIT " + K)) {
                for (int q = 0; q < data.queryCount(); q++) {
                    long a = System.nanoTime();
                    s.setObject(1, new PGvector(data.query(q)));
                    Set<String> found = new HashSet<>();
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) found.add(rs.getString(1));
                    }
                    long b = System.nanoTime();
                    if (q >= WARMUP) {
                        latencies[q - WARMUP] = b - a;
                        Set<String> exact = data.exactTop(data.query(q), K);
                        recall += found.stream().filter(exact::contains).count() / (double) K;
                    }
                }
            }
            report("on one connection (SQL)", latencies, recall, queries);
        } finally {
            try (Connection c = DriverManager.getConnection(url, "catena", "catena"); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            }
            store.close();
        }
    }

    private static void report(String how, long[] latencies, double recall, int queries) {
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%d queries %s (top %d, ef_search 40): p50 %.2f ms, p99 %.2f ms, max %.2f ms;"
                        + " recall@%d vs exact %.3f%n", queries, how, K, latencies[queries / 2] / 1e6,
                latencies[(int) Math.ceil(queries * 0.99) - 1] / 1e6, latencies[queries - 1] / 1e6, K, recall / queries);
    }

    /** Rows [from, to) by COPY in the store's column layout, in chunks of 10,000. */
    private static void copy(Connection c, String table, BenchVectors data, int from, int to) throws SQLException, IOException {
        var copier = c.unwrap(PGConnection.class).getCopyAPI();
        for (int start = from; start < to; start += 10_000) {
            StringBuilder rows = new StringBuilder();
            for (int i = start; i < Math.min(to, start + 10_000); i++) {
                rows.append(BenchVectors.id(i)).append('\t').append(new PGvector(data.vector(i)).getValue()).append('\t')
                        .append(BenchVectors.text(i)).append("\t{}\t{}\n");
            }
            copier.copyIn("COPY \"" + table + "\" (id, embedding, text, metadata, types) FROM STDIN", new StringReader(rows.toString()));
        }
    }
}
