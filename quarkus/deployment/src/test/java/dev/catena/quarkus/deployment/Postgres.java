package dev.catena.quarkus.deployment;

import dev.catena.testing.ExternalInputs;
import io.quarkus.test.QuarkusUnitTest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL server (with pgvector) that {@code .ci/setup.d/25-postgres.sh} starts on
 * 127.0.0.1:55432, database, user and password {@code catena}. Tests call {@link #require()} first:
 * it skips on a developer machine without the server and fails under CI.
 */
final class Postgres {

    static final String URL = "jdbc:postgresql://127.0.0.1:55432/catena";
    static final String USER = "catena";
    static final String PASSWORD = "catena";

    private Postgres() {}

    /**
     * Configures the datasource {@code name} ({@code null} for the default one) of {@code app} on this
     * server, with Dev Services off.
     */
    static QuarkusUnitTest dataSource(QuarkusUnitTest app, String name) {
        String prefix = name == null ? "quarkus.datasource." : "quarkus.datasource." + name + ".";
        return app.overrideConfigKey(prefix + "db-kind", "postgresql")
                .overrideConfigKey(prefix + "jdbc.url", URL)
                .overrideConfigKey(prefix + "username", USER)
                .overrideConfigKey(prefix + "password", PASSWORD)
                .overrideConfigKey(prefix + "devservices.enabled", "false");
    }

    static void require() {
        ExternalInputs.require(up(), "PostgreSQL at " + URL + " (run .ci/setup.d/25-postgres.sh)");
    }

    /** True when the server answers. */
    static boolean up() {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD)) {
            return c.isValid(5);
        } catch (SQLException e) {
            return false;
        }
    }

    static void drop(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
        }
    }
}
