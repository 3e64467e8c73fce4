package dev.catena.retrievers.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import dev.catena.testing.ExternalInputs;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives a test class a store server: the one named by an environment variable if set, else one it
 * starts from what a {@code .ci/setup.d} script installed, on a free port and a fresh data
 * directory, stopped and deleted after the class. When the server is not installed the class fails
 * under CI (env {@code CI} set) with the command to run, and is skipped elsewhere.
 */
public abstract class StoreServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private final String envVariable;
    private final String setupScript;
    private ServerProcess server;
    private Path dataDir;
    private String external;

    protected StoreServerExtension(String name, String envVariable, String setupScript) {
        this.name = name;
        this.envVariable = envVariable;
        this.setupScript = setupScript;
    }

    /** The installed executable below the repository root; may not exist. */
    protected abstract Path executable(Path repositoryRoot);

    /** The command line that serves {@code dataDir} on {@code port}. */
    protected abstract List<String> command(Path executable, Path dataDir, int port);

    /** Extra environment of the server process. */
    protected Map<String, String> environment(Path executable) {
        return Map.of();
    }

    /**
     * {@code relative} below the site-packages of the repository's {@code .ci/.venv} (any Python
     * version), where the setup scripts install servers from PyPI; a path that may not exist when none has it.
     */
    protected static Path installedInVenv(Path repositoryRoot, String relative) {
        Path lib = repositoryRoot.resolve(".ci/.venv/lib");
        if (Files.isDirectory(lib)) {
            try (Stream<Path> pythons = Files.list(lib)) {
                for (Path python : pythons.sorted().toList()) {
                    Path file = python.resolve("site-packages").resolve(relative);
                    if (Files.isExecutable(file)) {
                        return file;
                    }
                }
            } catch (IOException e) {
                // fall through: reported as not installed
            }
        }
        return lib.resolve("python3.11/site-packages").resolve(relative);
    }

    /** Prepares a fresh data directory before the first start (e.g. {@code initdb}); nothing by default. */
    protected void prepare(Path executable, Path dataDir) throws IOException {
    }

    /** True once the server on {@code port} answers requests. */
    protected abstract boolean ready(int port);

    /** The address clients use for a server on {@code port}. */
    protected abstract String address(int port);

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        external = System.getenv(envVariable);
        if (external != null && !external.isBlank()) {
            return;
        }
        Path executable = executable(ServerProcess.repositoryRoot());
        if (!Files.isExecutable(executable)) {
            String message = name + " server not installed (" + executable + " is missing): run .ci/setup.d/" + setupScript
                    + " or set " + envVariable + " to a running server";
            ExternalInputs.require(false, message);
        }
        dataDir = Files.createTempDirectory("catena-" + name.toLowerCase(java.util.Locale.ROOT));
        prepare(executable, dataDir);
        int port = ServerProcess.freePort();
        server = new ServerProcess(name, command(executable, dataDir, port), environment(executable), dataDir, port,
                () -> ready(port));
        server.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (server != null) {
            server.stop();
            server = null;
        }
        if (dataDir != null) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            dataDir = null;
        }
    }

    /** Where clients reach the server. */
    public String url() {
        return external != null && !external.isBlank() ? external : address(server.port());
    }

    /** Whether this extension runs the server itself (and can stop, kill and restart it). */
    public boolean managed() {
        return server != null;
    }

    /** The server process; only when {@link #managed()}. */
    public ServerProcess process() {
        if (server == null) {
            throw new IllegalStateException(name + " server is external (" + envVariable + "): it cannot be controlled");
        }
        return server;
    }

    /** Stops and starts the server on the same data, if it is managed here. */
    public void restart() {
        if (server != null) {
            server.stop();
            server.start();
        }
    }
}
