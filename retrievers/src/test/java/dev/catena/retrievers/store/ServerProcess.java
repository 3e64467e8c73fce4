package dev.catena.retrievers.store;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A store server the tests run as a child process on 127.0.0.1: started on a fixed port and data
 * directory, so that it can be stopped, killed ({@code SIGKILL}) and started again on the same data.
 * Its output goes to {@code server.log} in the data directory and is quoted when it fails to start.
 */
public final class ServerProcess {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path dataDir;
    private final int port;
    private final BooleanSupplier ready;
    private Process process;

    /**
     * @param name for messages, e.g. {@code "Chroma"}
     * @param command the command line (already naming data dir and port)
     * @param environment extra environment variables
     * @param dataDir where the server keeps its data and the log goes
     * @param port the port it listens on
     * @param ready true once the server answers requests
     */
    public ServerProcess(String name, List<String> command, Map<String, String> environment, Path dataDir, int port,
                         BooleanSupplier ready) {
        this.name = name;
        this.command = List.copyOf(command);
        this.environment = Map.copyOf(environment);
        this.dataDir = dataDir;
        this.port = port;
        this.ready = ready;
    }

    /** A port free on 127.0.0.1 right now. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on 127.0.0.1", e);
        }
    }

    /** The repository root: the nearest directory above the working directory that holds {@code .ci}. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(".ci"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no .ci directory above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** True when something accepts TCP connections on 127.0.0.1:port. */
    public static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Starts the server and waits (up to 90 s) until it is ready. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            Files.createDirectories(dataDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("server.log").toFile()));
            builder.environment().putAll(environment);
            process = builder.start();
            writePidFile();
        } catch (IOException e) {
            throw new IllegalStateException(name + " server could not be started with " + command + ": " + e.getMessage(), e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " server exited with " + process.exitValue() + " on start: " + command
                        + "\n" + logTail());
            }
            if (listening(port) && ready.getAsBoolean()) {
                return;
            }
            sleep(200);
        }
        stop();
        throw new IllegalStateException(name + " server did not become ready on port " + port + " within 90 s: " + command
                + "\n" + logTail());
    }

    /** Stops the server gracefully (SIGTERM, then SIGKILL after 15 s) and waits until its port is free. */
    public synchronized void stop() {
        end(false);
    }

    /** Kills the server at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        end(true);
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    private void end(boolean force) {
        if (process == null) {
            return;
        }
        try {
            if (force) {
                process.destroyForcibly();
            } else {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException | IllegalStateException e) {
            // best effort: .ci/stop.d checks the pid is still this server before killing it
        }
        for (int i = 0; i < 100 && listening(port); i++) {
            sleep(100);
        }
    }

    /**
     * Records the pid in {@code .ci/servers/<name>-<port>.pid}, so that {@code .ci/stop.d} can end a
     * server whose test JVM died before stopping it.
     */
    private void writePidFile() throws IOException {
        Path file = pidFile();
        Files.createDirectories(file.getParent());
        Files.writeString(file, process.pid() + "\n");
    }

    private Path pidFile() {
        return repositoryRoot().resolve(".ci/servers").resolve(name.toLowerCase(java.util.Locale.ROOT) + "-" + port + ".pid");
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("server.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no server.log)";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the server", e);
        }
    }
}
