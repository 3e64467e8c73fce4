package dev.catena.cli.mcp;

import dev.catena.agents.mcp.McpConnection;
import dev.catena.agents.mcp.McpServerConfig;
import dev.catena.agents.mcp.McpTool;
import dev.catena.agents.mcp.ToolSelection;
import dev.catena.agents.tool.AgentTool;
import dev.catena.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mcp serve FILE.yaml} over stdio, started as a separate JVM by Catena's MCP client: a full round trip. */
class McpServeCommandTest {

    static final String FILE = """
            apiVersion: catena/v1
            kind: Bundle
            models:
              - name: model
                type: scripted
                responses:
                  - "Thought: multiply\\nAction: calculator\\nAction Input: {\\"expression\\": \\"6 * 7\\"}"
                  - "Thought: done\\nFinal Answer: six times seven is 42"
            tools:
              - name: calculator
                type: calculator
            agents:
              - name: assistant
                type: react
                model: {ref: model}
                tools: [{ref: calculator}]
            """;

    @TempDir
    Path dir;

    @Test
    void servesAYamlFilesAgentAndToolsOverStdio() throws IOException {
        Path yaml = Files.writeString(dir.resolve("assistant.yaml"), FILE);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        McpServerConfig config = McpServerConfig.stdio("catena-cli", java,
                List.of("-cp", System.getProperty("java.class.path"), McpCommand.class.getName(), "serve", yaml.toString()))
                .withStartTimeout(Duration.ofSeconds(60));
        try (McpConnection c = McpConnection.open(config)) {
            List<AgentTool> tools = McpTool.of(c, ToolSelection.ALL);
            assertThat(tools).extracting(AgentTool::name).containsExactly("assistant", "calculator");
            assertThat(tools.get(1).execute("{\"expression\": \"(1 + 2) * 3\"}")).isEqualTo("9");
            assertThat(tools.get(0).execute("{\"input\": \"What is six times seven?\"}")).isEqualTo("six times seven is 42");
        }
    }

    @Test
    void anUnknownComponentToExposeIsAOneLineError() throws IOException {
        Path yaml = Files.writeString(dir.resolve("assistant.yaml"), FILE);
        CommandRun run = new CommandRun().execute(new CommandLine(new McpCommand()), "serve", yaml.toString(), "--expose", "nobody");
        assertThat(run.code()).isEqualTo(McpServeCommand.BAD_FILE);
        assertThat(run.err().strip()).startsWith("mcp serve: no agent, chain or tool named 'nobody'")
                .contains("agents: [assistant]").doesNotContain("\n").doesNotContain("Exception");
    }
}
