package dev.catena.quarkus.deployment;

import dev.catena.testing.ExternalInputs;

import java.nio.file.Files;
import java.nio.file.Path;

/** The npm reference MCP servers that {@code .ci/setup.d/50-mcp.sh} installs ({@code CATENA_MCP_SERVERS}). */
final class McpServers {

    static final String MISSING = "the MCP reference servers are not installed; run: bash .ci/setup.d/50-mcp.sh";

    private McpServers() {}

    /** The server's executable ({@code mcp-server-filesystem}, {@code mcp-server-everything}). */
    static String bin(String name) {
        String configured = System.getenv("CATENA_MCP_SERVERS");
        Path dir = configured != null ? Path.of(configured) : Path.of("../../.ci/mcp/node_modules").toAbsolutePath().normalize();
        return dir.resolve(".bin").resolve(name).toString();
    }

    /** Whether both servers are installed. */
    static boolean present() {
        return Files.isExecutable(Path.of(bin("mcp-server-filesystem"))) && Files.isExecutable(Path.of(bin("mcp-server-everything")));
    }

    /** Skips the test (fails it on CI) when the servers are missing. */
    static void require() {
        ExternalInputs.require(present(), MISSING);
    }
}
