package dev.catena.retrievers.pgvector;

import dev.catena.retrievers.store.StoreServerExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL server of the tests' own, for killing: the {@code postgres} binary that PyPI
 * {@code pgserver} bundles ({@code .ci/.venv/.../pgserver/pginstall/bin}, installed by
 * {@code .ci/setup.d/25-postgres.sh}), on a fresh {@code initdb} directory and a free port, user
 * {@code catena} with trust authentication. As root it runs as the system user {@code catena-pg}
 * (PostgreSQL refuses root) through {@code setpriv}, which execs, so a kill reaches postgres itself.
 */
final class PgServer extends StoreServerExtension {

    static final String USER = "catena";

    PgServer() {
        super("PostgreSQL", "CATENA_PG_KILLABLE_URL", "25-postgres.sh");
    }

    @Override
    protected Path executable(Path root) {
        return installedInVenv(root, "pgserver/pginstall/bin/postgres");
    }

    @Override
    protected void prepare(Path executable, Path dataDir) throws IOException {
        Path data = dataDir.resolve("pgdata");
        Files.createDirectories(data);
        run(List.of("chmod", "755", dataDir.toString()));
        if (root()) {
            run(List.of("chown", "-R", "catena-pg", dataDir.toString()));
        }
        List<String> initdb = new ArrayList<>(asPostgresUser());
        initdb.addAll(List.of(executable.resolveSibling("initdb").toString(), "-D", data.toString(), "-U", USER,
                "--auth=trust", "-E", "UTF8", "--no-locale"));
        run(initdb);
    }

    @Override
    protected List<String> command(Path executable, Path dataDir, int port) {
        Path data = dataDir.resolve("pgdata");
        List<String> command = new ArrayList<>(asPostgresUser());
        command.addAll(List.of(executable.toString(), "-D", data.toString(), "-p", Integer.toString(port), "-k", data.toString(),
                "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off"));
        return command;
    }

    @Override
    protected boolean ready(int port) {
        try (Connection c = DriverManager.getConnection(address(port), USER, "")) {
            return c.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    protected String address(int port) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    private static List<String> asPostgresUser() {
        return root() ? List.of("setpriv", "--reuid=catena-pg", "--regid=catena-pg", "--clear-groups") : List.of();
    }

    private static boolean root() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void run(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed:\n" + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted: " + command, e);
        }
    }
}
