package dev.catena.quarkus.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Catena's OpenAI-compatible server (samples/openai-server, its packaged jar) run as a child process
 * on 127.0.0.1, serving a scripted model, so that it can be stopped and started again on one port.
 * A QuarkusUnitTest class is loaded twice (by JUnit and by Quarkus), so the port and the running
 * {@link Process} are kept in the system properties, where both copies see the same ones.
 */
final class OpenAiServerProcess implements AutoCloseable {

    private final Path jar;
    private final int port;
    private final List<String> responses;
    private final Path log;

    private static final String PORT_KEY = "catena.it.openai-server.port";
    private static final String PROCESS_KEY = "catena.it.openai-server.process";

    OpenAiServerProcess(List<String> responses) {
        String jarProperty = System.getProperty("catena.openai-server.jar");
        if (jarProperty == null || !Files.isRegularFile(Path.of(jarProperty))) {
            throw new IllegalStateException("the OpenAI-compatible server jar is missing (" + jarProperty
                    + "); build it with ./mvnw -pl quarkus/integration-tests -am verify");
        }
        this.jar = Path.of(jarProperty);
        this.port = Integer.parseInt(String.valueOf(System.getProperties().computeIfAbsent(PORT_KEY, k -> String.valueOf(freePort()))));
        this.responses = List.copyOf(responses);
        this.log = Path.of("target", "openai-server-" + port + ".log");
    }

    /** The API root clients use. */
    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** Starts the server unless it runs, and waits until it answers {@code GET /v1/models}. */
    void start() {
        if (process() != null) return;
        Process process;
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "--add-modules", "jdk.incubator.vector",
                "--enable-native-access=ALL-UNNAMED", "-Dquarkus.profile=test",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port,
                // The profile's own key is overridden, with commas inside a reply escaped as SmallRye lists expect.
                "-D%test.quarkus.catena.models.local.responses=" + String.join(",", responses.stream().map(r -> r.replace(",", "\\,")).toList()),
                "-jar", jar.toString()));
        try {
            Files.createDirectories(log.getParent());
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            System.getProperties().put(PROCESS_KEY, process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command + ": " + e.getMessage(), e);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + log.toAbsolutePath());
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/models")).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the server", e);
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("the server did not answer on " + baseUrl() + " within 90 s; see " + log.toAbsolutePath());
    }

    /** Stops the server and waits for it to exit. */
    @Override
    public void close() {
        Process process = (Process) System.getProperties().remove(PROCESS_KEY);
        if (process == null) return;
        process.destroy();
        try {
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Process process() {
        return (Process) System.getProperties().get(PROCESS_KEY);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
