package dev.catena.retrievers.pgvector;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL server with pgvector that {@code .ci/setup.d/25-postgres.sh} starts:
 * {@code CATENA_PG_URL} (default {@code jdbc:postgresql://127.0.0.1:55432/catena}), user and password
 * {@code catena} unless {@code CATENA_PG_USER}/{@code CATENA_PG_PASSWORD} say otherwise. When it does
 * not answer, the class fails under CI (env {@code CI} set) and is skipped elsewhere. Tables the
 * tests create are dropped after the class.
 */
final class PgDatabase implements BeforeAllCallback, AfterAllCallback {

    private final List<String> tables = new ArrayList<>();

    String url() {
        String url = System.getenv("CATENA_PG_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:55432/catena" : url;
    }

    String user() {
        return envOr("CATENA_PG_USER", "catena");
    }

    String password() {
        return envOr("CATENA_PG_PASSWORD", "catena");
    }

    /** A builder on this server for {@code table}, which is dropped after the class. */
    synchronized PgVectorEmbeddingStore.Builder store(String table, int dimension) {
        tables.add(table);
        return PgVectorEmbeddingStore.builder().url(url()).user(user()).password(password()).table(table).dimension(dimension);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), user(), password());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        try (Connection c = connect()) {
            c.isValid(5);
        } catch (SQLException e) {
            String message = "PostgreSQL with pgvector is not reachable at " + url() + " (" + e.getMessage()
                    + "): run .ci/setup.d/25-postgres.sh or set CATENA_PG_URL";
            if (System.getenv("CI") != null) {
                throw new IllegalStateException(message, e);
            }
            Assumptions.abort(message);
        }
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String table : tables) {
                s.execute("DROP TABLE IF EXISTS \"" + table + "\"");
            }
        }
        tables.clear();
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
