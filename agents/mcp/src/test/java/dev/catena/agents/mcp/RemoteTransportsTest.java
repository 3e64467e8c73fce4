package dev.catena.agents.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.catena.agents.mcp.ReferenceServers.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against server-everything over streamable HTTP and over HTTP+SSE, each on a loopback port. */
class RemoteTransportsTest {

    /** What a test does with a connection to a server-everything started in {@code mode}. */
    interface Body {
        void run(McpConnection connection);
    }

    private static void withEverything(String mode, String path, Duration callTimeout, Body body) throws Exception {
        int port = ReferenceServers.freePort();
        Process server = ReferenceServers.startHttp(mode, port);
        McpServerConfig config = mode.equals("sse") ? McpServerConfig.sse("legacy", ReferenceServers.url(port, path))
                : McpServerConfig.streamableHttp("remote", ReferenceServers.url(port, path));
        try (McpConnection c = McpConnection.open(config.withCallTimeout(callTimeout))) {
            body.run(c);
        } finally {
            server.destroyForcibly();
        }
    }

    @Test
    void streamableHttp() throws Exception {
        withEverything("streamableHttp", "/mcp", Duration.ofSeconds(20), c -> {
            assertThat(c.listTools()).extracting(McpSchema.Tool::name).contains("echo", "get-sum");
            assertThat(c.callTool("get-sum", args("a", 20, "b", 22))).isEqualTo("The sum of 20 and 22 is 42.");
            assertThat(c.listPrompts()).extracting(McpSchema.Prompt::name).contains("simple-prompt");
            assertThat(c.readResource("demo://resource/static/document/features.md")).contains("# Everything Server - Features");
        });
    }

    @Test
    void streamableHttpBoundsSlowToolsAndReportsErrors() throws Exception {
        withEverything("streamableHttp", "/mcp", Duration.ofMillis(500), c -> {
            assertThatThrownBy(() -> c.callTool("get-sum", args("a", "x", "b", 1)))
                    .hasMessageContaining("MCP server 'remote' tool 'get-sum' reported an error");
            assertThatThrownBy(() -> c.callTool("trigger-long-running-operation", args("duration", 30, "steps", 2)))
                    .hasMessage("MCP server 'remote' tool 'trigger-long-running-operation' timed out after 500 ms");
        });
    }

    @Test
    void serverSentEvents() throws Exception {
        withEverything("sse", "/sse", Duration.ofSeconds(20),
                c -> assertThat(c.callTool("echo", Map.of("message", "over SSE"))).isEqualTo("Echo: over SSE"));
    }

    @Test
    void nothingListeningIsAClearErrorWithinTheStartTimeout() throws Exception {
        int port = ReferenceServers.freePort();
        McpServerConfig config = McpServerConfig.streamableHttp("absent", ReferenceServers.url(port, "/mcp")).withStartTimeout(Duration.ofSeconds(5));
        assertThatThrownBy(() -> McpConnection.open(config)).isInstanceOf(McpException.class).hasMessageStartingWith("MCP server 'absent' starting");
    }
}
