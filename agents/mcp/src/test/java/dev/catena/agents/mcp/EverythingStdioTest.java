package dev.catena.agents.mcp;

import dev.catena.agents.AgentStep;
import dev.catena.agents.ApprovalHook;
import dev.catena.agents.Approval;
import dev.catena.agents.ToolRunner;
import dev.catena.agents.tool.AgentTool;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.data.message.UserMessage;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.catena.agents.mcp.ReferenceServers.args;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The client against the reference server {@code @modelcontextprotocol/server-everything} over stdio. */
class EverythingStdioTest {

    static McpConnection everything;

    @BeforeAll
    static void start() {
        everything = McpConnection.open(ReferenceServers.everything("everything").withEnv(Map.of("CATENA_GIVEN", "yes")));
    }

    @AfterAll
    static void stop() {
        if (everything != null) everything.close();
    }

    @Test
    void listsTheServersToolsWithTheirSchemas() {
        assertThat(everything.listTools()).extracting(McpSchema.Tool::name)
                .contains("echo", "get-sum", "get-tiny-image", "get-resource-reference", "trigger-long-running-operation");
        AgentTool sum = tool("get-sum");
        assertThat(sum.specification().parameters().required()).containsExactly("a", "b");
        assertThat(sum.specification().parameters().properties()).containsOnlyKeys("a", "b");
    }

    @Test
    void fencesTheServersDescriptionsAsUntrustedData() {
        String description = tool("echo").specification().description();
        assertThat(description).startsWith("Tool 'echo' of MCP server 'everything'.")
                .contains("<tool_output source=\"mcp:everything\">\nEchoes back the input").endsWith("</tool_output>");
    }

    @Test
    void callsATextTool() {
        assertThat(tool("echo").execute("{\"message\": \"hello MCP\"}")).isEqualTo("Echo: hello MCP");
        assertThat(tool("get-sum").execute("{\"a\": 2, \"b\": 40}")).isEqualTo("The sum of 2 and 40 is 42.");
    }

    @Test
    void describesImagesEmbeddedResourcesLinksAndStructuredContent() {
        assertThat(everything.callTool("get-tiny-image", Map.of())).contains("[image image/png, ").contains("The image above is the MCP logo.");
        assertThat(everything.callTool("get-resource-reference", args("resourceType", "Text", "resourceId", 3)))
                .contains("Resource 3: This is a plaintext resource");
        assertThat(everything.callTool("get-resource-links", args("count", 2))).contains("[resource demo://resource/dynamic/");
        assertThat(everything.callTool("get-structured-content", args("location", "Chicago"))).contains("\"temperature\"");
    }

    @Test
    void aToolErrorBecomesAnObservationNamingServerAndTool() {
        ToolRunner runner = new ToolRunner(List.of(tool("get-sum")), ApprovalHook.APPROVE_ALL);
        AgentStep.Observation o = runner.run(new AgentStep.Action("1", "get-sum", "{\"a\": \"two\", \"b\": 2}"), Duration.ofSeconds(30), RunContext.detached("test"));
        assertThat(o.error()).isTrue();
        assertThat(o.text()).contains("MCP server 'everything' tool 'get-sum' reported an error").contains("expected number");
    }

    @Test
    void anUnknownToolIsAClearError() {
        assertThatThrownBy(() -> everything.callTool("no-such-tool", Map.of()))
                .isInstanceOf(McpException.class)
                .hasMessageContaining("MCP server 'everything' has no tool 'no-such-tool'").hasMessageContaining("echo");
    }

    @Test
    void passesOnlyTheConfiguredEnvironment() {
        String env = everything.callTool("get-env", Map.of());
        assertThat(env).contains("\"CATENA_GIVEN\": \"yes\"").contains("\"PATH\"");
        // the test JVM's own variable (set by the build) must not reach the server
        assertThat(System.getenv()).containsKey("CATENA_MCP_SERVERS");
        assertThat(env).doesNotContain("CATENA_MCP_SERVERS");
    }

    @Test
    void listsAndReadsResources() {
        assertThat(everything.listResources()).extracting(McpSchema.Resource::uri).contains("demo://resource/static/document/features.md");
        assertThat(everything.readResource("demo://resource/static/document/features.md")).contains("# Everything Server - Features");
        assertThatThrownBy(() -> everything.readResource("demo://nowhere/1"))
                .isInstanceOf(McpException.class).hasMessageContaining("MCP server 'everything' resource 'demo://nowhere/1' failed");
    }

    @Test
    void listsAndFillsPrompts() {
        assertThat(everything.listPrompts()).extracting(McpSchema.Prompt::name).contains("simple-prompt", "args-prompt");
        assertThat(everything.getPrompt("args-prompt", Map.of("city", "Paris")))
                .singleElement().isInstanceOfSatisfying(UserMessage.class, m -> assertThat(m.singleText()).contains("Paris"));
    }

    @Test
    void bigResultsAreCutWithANote() {
        try (McpConnection small = McpConnection.open(ReferenceServers.everything("tiny").withMaxResultChars(150))) {
            assertThat(small.callTool("echo", args("message", "a".repeat(300))))
                    .hasSize(150).startsWith("Echo: aaaa")
                    .endsWith("aaa\n[... cut: MCP server 'tiny' tool 'echo' returned 306 characters, more than the limit of 150]");
        }
    }

    @Test
    void aSlowToolIsCutOffAtItsTimeout() {
        try (McpConnection quick = McpConnection.open(ReferenceServers.everything("quick").withCallTimeout(Duration.ofMillis(500)))) {
            assertThatThrownBy(() -> quick.callTool("trigger-long-running-operation", args("duration", 30, "steps", 2)))
                    .isInstanceOf(McpException.class)
                    .hasMessage("MCP server 'quick' tool 'trigger-long-running-operation' timed out after 500 ms");
            // the connection still serves the next call
            assertThat(quick.callTool("echo", args("message", "still here"))).isEqualTo("Echo: still here");
        }
    }

    @Test
    void aServerKilledMidCallFailsTheCallAndTheAgentSeesIt() throws Exception {
        try (McpConnection doomed = McpConnection.open(ReferenceServers.everything("doomed").withCallTimeout(Duration.ofMinutes(2)))) {
            ProcessHandle server = serverOf(doomed);
            ToolRunner runner = new ToolRunner(McpTool.of(doomed, ToolSelection.ALL), ApprovalHook.APPROVE_ALL);
            CompletableFuture<AgentStep.Observation> call = CompletableFuture.supplyAsync(() -> runner.run(
                    new AgentStep.Action("1", "trigger-long-running-operation", "{\"duration\": 60, \"steps\": 2}"), Duration.ofMinutes(2), RunContext.detached("test")));
            Thread.sleep(300);
            server.destroyForcibly();
            AgentStep.Observation o = call.get(90, TimeUnit.SECONDS);
            assertThat(o.error()).isTrue();
            assertThat(o.text()).contains("MCP server 'doomed' exited").doesNotContain("timed out");
            assertThatThrownBy(() -> doomed.callTool("echo", args("message", "x"))).hasMessageContaining("MCP server 'doomed' exited");
        }
    }

    @Test
    void closingTheClientStopsTheServerProcess() throws Exception {
        McpConnection c = McpConnection.open(ReferenceServers.everything("closing"));
        ProcessHandle server = serverOf(c);
        assertThat(server.isAlive()).isTrue();
        c.close();
        server.onExit().get(10, TimeUnit.SECONDS);
        assertThat(server.isAlive()).isFalse();
    }

    @Test
    void toolsNeedingApprovalAskTheHook() {
        ApprovalHook denyEcho = action -> action.tool().equals("echo") ? Approval.deny("echo is off today") : Approval.approve();
        List<AgentTool> tools = McpTool.of(everything, ToolSelection.only("echo", "get-s?m").approvedBy(denyEcho, "*"));
        assertThat(tools).extracting(AgentTool::name).containsExactly("echo", "get-sum");
        ToolRunner runner = new ToolRunner(tools, ApprovalHook.APPROVE_ALL);
        AgentStep.Observation denied = runner.run(new AgentStep.Action("1", "echo", "{\"message\": \"x\"}"), Duration.ofSeconds(30), RunContext.detached("test"));
        assertThat(denied.error()).isTrue();
        assertThat(denied.text()).contains("not approved: echo is off today");
        AgentStep.Observation approved = runner.run(new AgentStep.Action("2", "get-sum", "{\"a\": 1, \"b\": 1}"), Duration.ofSeconds(30), RunContext.detached("test"));
        assertThat(approved.text()).isEqualTo("The sum of 1 and 1 is 2.");
    }

    static ProcessHandle serverOf(McpConnection c) throws Exception {
        return c.serverProcess().orElseThrow();
    }

    private static AgentTool tool(String name) {
        return McpTool.of(everything, ToolSelection.only(name)).getFirst();
    }
}
