package dev.catena.agents.mcp.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.agents.mcp.McpConnection;
import dev.catena.agents.mcp.McpException;
import dev.catena.agents.mcp.McpServerConfig;
import dev.catena.agents.mcp.McpTool;
import dev.catena.agents.mcp.ToolSelection;
import dev.catena.agents.react.ReActAgent;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.builtin.CalculatorTool;
import dev.catena.core.runnable.Runnable;
import dev.catena.testing.ScriptedChatModel;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Catena's MCP server over streamable HTTP, called by the SDK's own client and by Catena's client. */
class CatenaMcpServerTest {

    static CatenaMcpServer server;
    static URI uri;

    @BeforeAll
    static void start() {
        Runnable<Map<String, Object>, String> shout = (input, ctx) -> String.valueOf(input.get("text")).toUpperCase() + "!";
        ReActAgent agent = ReActAgent.builder()
                .model(ScriptedChatModel.of(
                        "Thought: add\nAction: calculator\nAction Input: {\"expression\": \"19 + 23\"}",
                        "Thought: done\nFinal Answer: it is 42"))
                .tool(new CalculatorTool()).build();
        AgentTool failing = AgentTool.of("fail", "Always fails", input -> { throw new IllegalStateException("the disk is on fire"); });
        server = CatenaMcpServer.http("catena-test", List.of(
                ServedTool.of(new CalculatorTool()),
                ServedTool.of("shout", "Shouts the text", shout, List.of("text")),
                ServedTool.of("adder", "Adds numbers", agent),
                ServedTool.of(failing)), new InetSocketAddress("127.0.0.1", 0));
        uri = server.uri().orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void theSdksClientListsAndCallsTheServedTools() {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder("http://" + uri.getAuthority())
                .endpoint(CatenaMcpServer.ENDPOINT).jsonMapper(new JacksonMcpJsonMapper(new ObjectMapper())).build();
        try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(20)).build()) {
            client.initialize();
            assertThat(client.getServerInfo().name()).isEqualTo("catena-test");
            List<McpSchema.Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(McpSchema.Tool::name).containsExactly("calculator", "shout", "adder", "fail");
            assertThat(tools.getFirst().inputSchema()).containsEntry("type", "object").containsKey("properties");
            McpSchema.CallToolResult result = client.callTool(new McpSchema.CallToolRequest("calculator", Map.of("expression", "6 * 7")));
            assertThat(result.isError()).isFalse();
            assertThat(((McpSchema.TextContent) result.content().getFirst()).text()).isEqualTo("42");
            McpSchema.CallToolResult failed = client.callTool(new McpSchema.CallToolRequest("fail", Map.of("input", "x")));
            assertThat(failed.isError()).isTrue();
            assertThat(((McpSchema.TextContent) failed.content().getFirst()).text()).isEqualTo("Error: the disk is on fire");
        }
    }

    @Test
    void roundTripCatenaClientToCatenaServer() {
        try (McpConnection c = McpConnection.open(McpServerConfig.streamableHttp("catena", uri))) {
            List<AgentTool> tools = McpTool.of(c, ToolSelection.ALL);
            assertThat(tools).extracting(AgentTool::name).containsExactly("calculator", "shout", "adder", "fail");
            assertThat(tools.get(0).execute("{\"expression\": \"2 ^ 10\"}")).isEqualTo("1024");
            assertThat(tools.get(1).execute("{\"text\": \"hello\"}")).isEqualTo("HELLO!");
            assertThat(tools.get(2).execute("{\"input\": \"What is 19 + 23?\"}")).isEqualTo("it is 42");
            assertThatThrownBy(() -> tools.get(3).execute("{\"input\": \"x\"}"))
                    .isInstanceOf(McpException.class).hasMessage("MCP server 'catena' tool 'fail' reported an error: Error: the disk is on fire");
            assertThatThrownBy(() -> tools.get(1).execute("{}")).hasMessageContaining("missing required argument 'text'");
        }
    }
}
