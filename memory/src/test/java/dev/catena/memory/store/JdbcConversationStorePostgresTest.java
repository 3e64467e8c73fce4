package dev.catena.memory.store;

import dev.catena.testing.ExternalInputs;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * The store on a plain {@link javax.sql.DataSource}, without H2: the PostgreSQL server that
 * {@code .ci/setup.d/25-postgres.sh} starts ({@code CATENA_PG_URL}, default
 * {@code jdbc:postgresql://127.0.0.1:55432/catena}, user and password {@code catena}). Each test has a
 * table of its own (reopening the same directory reopens the same table); all are dropped after.
 */
class JdbcConversationStorePostgresTest extends ConversationStoreContract {

    private static final PGSimpleDataSource DATA_SOURCE = new PGSimpleDataSource();
    private static final Set<String> TABLES = new HashSet<>();

    @BeforeAll
    static void connect() {
        String url = System.getenv("CATENA_PG_URL");
        DATA_SOURCE.setURL(url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:55432/catena" : url);
        DATA_SOURCE.setUser("catena");
        DATA_SOURCE.setPassword("catena");
        boolean up;
        try (Connection c = DATA_SOURCE.getConnection()) {
            up = c.isValid(5);
        } catch (SQLException e) {
            up = false;
        }
        ExternalInputs.require(up, "PostgreSQL at " + DATA_SOURCE.getURL() + " (run .ci/setup.d/25-postgres.sh)");
    }

    @AfterAll
    static void dropTables() throws SQLException {
        try (Connection c = DATA_SOURCE.getConnection(); Statement s = c.createStatement()) {
            for (String table : TABLES) s.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    @Override
    ConversationStore open(Path dir) {
        String table = "catena_conv_test_" + Integer.toUnsignedString(dir.toAbsolutePath().toString().hashCode(), 36);
        synchronized (TABLES) {
            TABLES.add(table);
        }
        return new JdbcConversationStore(DATA_SOURCE, table);
    }
}
