package dev.catena.agents.mcp;

import dev.catena.agents.AgentStep;
import dev.catena.agents.ApprovalHook;
import dev.catena.agents.ToolRunner;
import dev.catena.core.runnable.RunContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Faults no reference server produces, from a deliberately broken server (src/test/resources/faulty-server.mjs). */
class FaultyServerTest {

    @Test
    void aServerThatAnswersWithGarbageFailsToStartWithTheReason() {
        McpServerConfig config = ReferenceServers.script("garbled", "faulty-server.mjs", "garbage").withStartTimeout(Duration.ofSeconds(20));
        assertThatThrownBy(() -> McpConnection.open(config))
                .isInstanceOf(McpException.class)
                .hasMessageContaining("MCP server 'garbled' sent a message that is not JSON: 'this is not JSON at all'")
                .hasMessageNotContaining("timed out");
    }

    @Test
    void aMalformedAnswerToACallFailsThatCallAtOnce() {
        McpServerConfig config = ReferenceServers.script("garbled", "faulty-server.mjs", "garbage-on-call").withCallTimeout(Duration.ofSeconds(60));
        try (McpConnection c = McpConnection.open(config)) {
            assertThatThrownBy(() -> c.callTool("big", Map.of()))
                    .isInstanceOf(McpException.class)
                    .hasMessageContaining("MCP server 'garbled' sent a message that is not JSON")
                    .hasMessageContaining("during tool 'big'");
        }
    }

    @Test
    void aToolWithAnInvalidSchemaIsNamedInTheError() {
        try (McpConnection c = McpConnection.open(ReferenceServers.script("faulty", "faulty-server.mjs", "bad-schema"))) {
            assertThat(McpTool.of(c, ToolSelection.only("fine"))).hasSize(1);
            assertThatThrownBy(() -> McpTool.of(c, ToolSelection.ALL))
                    .isInstanceOf(McpException.class)
                    .hasMessage("MCP server 'faulty' tool 'broken' has an invalid input schema: unknown type \"strnig\" at inputSchema.properties.x;"
                            + " JSON Schema types are object, array, string, number, integer, boolean and null");
        }
    }

    @Test
    void anOversizedResultIsCutWithANoteNamingServerAndTool() {
        try (McpConnection c = McpConnection.open(ReferenceServers.script("chatty", "faulty-server.mjs", "huge"))) {
            ToolRunner runner = new ToolRunner(McpTool.of(c, ToolSelection.ALL), ApprovalHook.APPROVE_ALL);
            AgentStep.Observation o = runner.run(new AgentStep.Action("1", "big", "{}"), Duration.ofSeconds(30), RunContext.detached("test"));
            assertThat(o.error()).isFalse();
            assertThat(o.text()).hasSizeLessThanOrEqualTo(McpServerConfig.DEFAULT_MAX_RESULT_CHARS).startsWith("xxxxx")
                    .endsWith("[... cut: MCP server 'chatty' tool 'big' returned 200000 characters, more than the limit of 20000]");
        }
    }

    @Test
    void aCommandThatDoesNotExistIsAClearError() {
        McpServerConfig config = McpServerConfig.stdio("ghost", "/nonexistent/mcp-server", List.of());
        assertThatThrownBy(() -> McpConnection.open(config))
                .isInstanceOf(McpException.class)
                .hasMessageContaining("MCP server 'ghost' could not be started").hasMessageContaining("/nonexistent/mcp-server")
                .hasMessageNotContaining("timed out");
    }
}
