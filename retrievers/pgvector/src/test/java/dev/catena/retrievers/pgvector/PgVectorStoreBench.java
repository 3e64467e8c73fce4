package dev.catena.retrievers.pgvector;

import dev.catena.retrievers.store.StoreBench;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Benchmark of the pgvector store, not a test: {@link StoreBench} (the Lucene store's benchmark) on a
 * fresh table of the server at {@code CATENA_PG_URL} (default the CI server, catena/catena), dropped
 * afterwards. Arguments: N, D, queries, {@code clustered|uniform}.
 * <pre>
 * ./mvnw -q -pl retrievers/pgvector -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp retrievers/pgvector/target/test-classes:retrievers/pgvector/target/classes:$(cat /tmp/cp.txt) \
 *     dev.catena.retrievers.pgvector.PgVectorStoreBench 100000 384 500
 * </pre>
 */
public final class PgVectorStoreBench {

    private PgVectorStoreBench() {}

    public static void main(String[] args) throws SQLException {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int dim = args.length > 1 ? Integer.parseInt(args[1]) : 384;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        boolean uniform = args.length > 3 && args[3].equals("uniform");
        String url = System.getenv().getOrDefault("CATENA_PG_URL", "jdbc:postgresql://127.0.0.1:55432/catena");
        String table = "bench_" + System.nanoTime() % 1_000_000;
        PgVectorEmbeddingStore store = PgVectorEmbeddingStore.builder().url(url).user("catena").password("catena")
                .table(table).dimension(dim).build();
        try {
            StoreBench.run(store, n, dim, queries, uniform, "HNSW m 16, ef_construction 64, ef_search 40");
        } finally {
            try (Connection c = DriverManager.getConnection(url, "catena", "catena"); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            }
        }
    }
}
