package dev.catena.agents.mcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.agents.tool.AgentTool;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Catena's MCP server bounds each call: a tool past the timeout is interrupted and answered with a tool error. */
class ServerCallTimeoutTest {

    @Test
    void aCallPastTheTimeoutIsInterruptedAndAnsweredWithAToolError() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        AgentTool slow = AgentTool.of("slow", "Never finishes on its own", input -> {
            try {
                new CountDownLatch(1).await();
                return "unreachable";
            } catch (InterruptedException e) {
                interrupted.countDown();
                throw new IllegalStateException("interrupted");
            }
        });
        AgentTool quick = AgentTool.of("quick", "Answers at once", input -> "done");
        try (CatenaMcpServer server = CatenaMcpServer.http("bounded", List.of(ServedTool.of(slow), ServedTool.of(quick)),
                new InetSocketAddress("127.0.0.1", 0), Duration.ofMillis(300))) {
            URI uri = server.uri().orElseThrow();
            HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://" + uri.getAuthority())
                    .endpoint(CatenaMcpServer.ENDPOINT).jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper())).build();
            try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
                client.initialize();
                McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("slow", Map.of("input", "x")));
                assertThat(result.isError()).isTrue();
                assertThat(((McpSchema.TextContent) result.content().getFirst()).text())
                        .isEqualTo("Error: tool 'slow' did not finish within 300 ms");
                assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the timed-out call was interrupted").isTrue();
                McpSchema.CallToolResult next = client.callTool(new McpSchema.CallToolRequest("quick", Map.of("input", "x")));
                assertThat(next.isError()).isFalse();
                assertThat(((McpSchema.TextContent) next.content().getFirst()).text()).isEqualTo("done");
            }
        }
    }
}
