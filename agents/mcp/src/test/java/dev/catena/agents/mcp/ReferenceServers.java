package dev.catena.agents.mcp;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The npm reference MCP servers installed by {@code .ci/setup.d/50-mcp.sh}. Tests skip with a message
 * when they are missing, except under CI (variable {@code CI} set), where missing servers fail.
 */
final class ReferenceServers {

    private ReferenceServers() {}

    /** The node_modules folder holding the servers. */
    static Path modules() {
        String configured = System.getenv("CATENA_MCP_SERVERS");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../.ci/mcp/node_modules").toAbsolutePath().normalize();
        Path bin = dir.resolve(".bin");
        boolean present = Files.isExecutable(bin.resolve("mcp-server-everything")) && Files.isExecutable(bin.resolve("mcp-server-filesystem"));
        String missing = "the MCP reference servers are not installed in " + dir + "; run: bash .ci/setup.d/50-mcp.sh";
        if (!present && System.getenv("CI") != null) Assertions.fail(missing);
        Assumptions.assumeTrue(present, missing);
        return dir;
    }

    /** server-everything over stdio. */
    static McpServerConfig everything(String name) {
        return McpServerConfig.stdio(name, modules().resolve(".bin/mcp-server-everything").toString(), List.of("stdio"));
    }

    /** server-filesystem over stdio, allowed to use {@code root} only. */
    static McpServerConfig filesystem(String name, Path root) {
        return McpServerConfig.stdio(name, modules().resolve(".bin/mcp-server-filesystem").toString(), List.of(root.toString()));
    }

    /** A node script of the test resources (servers with faults no reference server can be made to produce). */
    static McpServerConfig script(String name, String resource, String... args) {
        modules();
        List<String> all = new ArrayList<>();
        all.add(Path.of("src/test/resources", resource).toAbsolutePath().toString());
        all.addAll(List.of(args));
        return McpServerConfig.stdio(name, "node", all);
    }

    /**
     * Starts server-everything in {@code mode} (streamableHttp or sse) on a free loopback port and
     * waits until it listens; the caller destroys the process.
     */
    static Process startHttp(String mode, int port) throws IOException, InterruptedException {
        Path entry = modules().resolve("@modelcontextprotocol/server-everything/dist/index.js");
        ProcessBuilder pb = new ProcessBuilder("node", "--import", Path.of("src/test/resources/loopback.mjs").toUri().toString(),
                entry.toString(), mode).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("PORT", Integer.toString(port));
        Process p = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) Assertions.fail("server-everything " + mode + " exited with " + p.exitValue());
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        p.destroyForcibly();
        return Assertions.fail("server-everything " + mode + " did not listen on port " + port + " within 30 s");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static URI url(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    static Map<String, Object> args(Object... keyValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        return m;
    }
}
