package dev.catena.agents.mcp.yaml;

import dev.catena.agents.Agent;
import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentStep;
import dev.catena.agents.Approval;
import dev.catena.agents.ApprovalHook;
import dev.catena.agents.mcp.McpTool;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.yaml.ToolBox;
import dev.catena.chains.yaml.CatenaFileException;
import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.Components;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code kind: Tool, type: mcp} in YAML, against the reference servers. */
class McpToolTypeTest {

    @TempDir
    Path dir;

    @Test
    void aReActAgentInYamlUsesTheFilesystemServersTools() throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("motto.txt"), "Per aspera ad astra");
        String file = data.toRealPath().resolve("motto.txt").toString();
        Path yaml = write("""
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - name: model
                    type: scripted
                    responses:
                      - "Thought: read it\\nAction: read_text_file\\nAction Input: {\\"path\\": \\"%s\\"}"
                      - "Thought: done\\nFinal Answer: the motto is in the file"
                tools:
                  - name: files
                    type: mcp
                    command: %s
                    args: [%s]
                    tools: [read_text_file, "list_*"]
                    callTimeoutMillis: 10000
                agents:
                  - name: reader
                    type: react
                    model: {ref: model}
                    tools: [{ref: files}]
                """.formatted(file, bin("mcp-server-filesystem"), data.toRealPath()));
        Components components = CatenaLoader.defaults().load(yaml);

        assertThat(components.get("files", ToolBox.class).tools()).extracting(AgentTool::name)
                .containsExactly("read_text_file", "list_directory", "list_directory_with_sizes", "list_allowed_directories");
        AgentResult result = components.get("reader", Agent.class).invoke("What is the motto?");
        assertThat(result.steps(AgentStep.Observation.class)).singleElement()
                .satisfies(o -> assertThat(o.text()).isEqualTo("Per aspera ad astra"));
    }

    @Test
    void passesOnlyAllowListedVariablesAndAsksTheApprovalHook() throws IOException {
        Path yaml = write("""
                apiVersion: catena/v1
                kind: Tool
                name: everything
                type: mcp
                command: %s
                args: [stdio]
                env: [MCP_TEST_TOKEN]
                tools: [get-env, echo]
                requireApproval: [echo]
                approval: {bean: approver}
                """.formatted(bin("mcp-server-everything")));
        ApprovalHook approver = action -> Approval.deny("echo needs a human");
        Components components = CatenaLoader.builder().allowEnv("MCP_TEST_TOKEN").environment(Map.of("MCP_TEST_TOKEN", "t0k3n", "OTHER_SECRET", "s3cr3t"))
                .bean("approver", approver).build().load(yaml);
        ToolBox box = components.get("everything", ToolBox.class);
        assertThat(box.tools()).extracting(AgentTool::name).containsExactly("echo", "get-env");
        AgentTool echo = box.tools().get(0);
        AgentTool getEnv = box.tools().get(1);
        assertThat(getEnv.execute("{}")).contains("\"MCP_TEST_TOKEN\": \"t0k3n\"").doesNotContain("s3cr3t");
        assertThatThrownBy(() -> echo.execute("{\"message\": \"hi\"}")).hasMessageContaining("not approved: echo needs a human");
    }

    @Test
    void aVariableThatIsNotAllowListedIsAnErrorAtItsLine() throws IOException {
        Path yaml = write("""
                apiVersion: catena/v1
                kind: Tool
                name: everything
                type: mcp
                command: %s
                env: [HOME_SECRET]
                """.formatted(bin("mcp-server-everything")));
        assertThatThrownBy(() -> CatenaLoader.defaults().load(yaml).get("everything", ToolBox.class))
                .isInstanceOf(CatenaFileException.class).hasMessageContaining("HOME_SECRET");
    }

    @Test
    void commandAndUrlTogetherIsAnErrorNamingTheFileAndLine() throws IOException {
        Path yaml = write("""
                apiVersion: catena/v1
                kind: Tool
                name: both
                type: mcp
                command: /bin/true
                url: http://127.0.0.1:1/mcp
                """);
        assertThatThrownBy(() -> CatenaLoader.defaults().load(yaml))
                .isInstanceOf(CatenaFileException.class)
                .hasMessageContaining("tools.yaml:").hasMessageContaining("give either command (a stdio server) or url (a remote server)");
    }

    @Test
    void closingTheComponentsStopsTheServerProcess() throws Exception {
        Path yaml = write("""
                apiVersion: catena/v1
                kind: Tool
                name: everything
                type: mcp
                command: %s
                args: [stdio]
                tools: [echo]
                """.formatted(bin("mcp-server-everything")));
        Components components = CatenaLoader.defaults().load(yaml);
        ToolBox box = components.get("everything", ToolBox.class);
        assertThat(box.tools().getFirst().execute("{\"message\": \"hi\"}")).contains("hi");
        ProcessHandle server = ((McpTool) box.tools().getFirst()).connection().serverProcess().orElseThrow();
        assertThat(server.isAlive()).isTrue();

        components.close();

        server.onExit().get(30, TimeUnit.SECONDS);
        assertThat(server.isAlive()).as("server process %d after close", server.pid()).isFalse();
        assertThatThrownBy(() -> box.tools().getFirst().execute("{\"message\": \"again\"}"))
                .hasMessageContaining("MCP server 'everything'");
        assertThatThrownBy(() -> components.get("everything", ToolBox.class)).hasMessageContaining("are closed");
    }

    private Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("tools.yaml"), text);
    }

    private static String bin(String name) {
        return dev.catena.agents.mcp.ReferenceServersAccess.bin(name);
    }
}
