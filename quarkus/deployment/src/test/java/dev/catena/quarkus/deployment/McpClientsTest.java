package dev.catena.quarkus.deployment;

import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentStep;
import dev.catena.agents.mcp.McpTool;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.yaml.ToolBox;
import dev.catena.core.runnable.Runnable;
import dev.catena.quarkus.RegisterCatenaService;
import dev.catena.quarkus.runtime.CatenaRuntime;
import dev.catena.quarkus.runtime.mcp.CatenaMcpClient;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Named MCP clients from {@code quarkus.catena.mcp.*} against the real filesystem and everything
 * servers: beans with the selected tools, used by a typed service and by a ReAct agent of a YAML
 * file, one started only on first use, and every server process (theirs and that of a YAML
 * {@code type: mcp} tool) stopped when the application stops.
 */
class McpClientsTest {

    /** The servers' process ids, recorded by the tests (a system property crosses the class loaders). */
    static final String PIDS = "catena.test.mcp.pids";
    static final Path ROOT = folder();
    static final String NOTES = ROOT.resolve("notes.txt").toString();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> {
                jar.addClasses(FileAssistant.class, McpServers.class);
                if (McpServers.present()) jar.addAsResource(new StringAsset("""
                        apiVersion: catena/v1
                        kind: Bundle
                        models:
                          - name: agent-model
                            type: scripted
                            responses:
                              - "Thought: read it\\nAction: read_text_file\\nAction Input: {\\"path\\": \\"%s\\"}"
                              - "Thought: done\\nFinal Answer: the notes are read"
                        tools:
                          - name: yaml-files
                            type: mcp
                            command: %s
                            args: [%s]
                            tools: [list_directory]
                        agents:
                          - name: reader
                            type: react
                            model: {ref: agent-model}
                            tools: [{bean: fs}]
                        """.formatted(NOTES, McpServers.bin("mcp-server-filesystem"), ROOT)), "catena/reader.yaml");
            })
            .overrideConfigKey("quarkus.catena.mcp.fs.command", McpServers.bin("mcp-server-filesystem"))
            .overrideConfigKey("quarkus.catena.mcp.fs.args", ROOT.toString())
            .overrideConfigKey("quarkus.catena.mcp.fs.tools", "read_text_file,list_directory")
            .overrideConfigKey("quarkus.catena.mcp.fs.call-timeout", "20s")
            // without the servers the application still starts, and each test skips
            .overrideConfigKey("quarkus.catena.mcp.fs.lazy", Boolean.toString(!McpServers.present()))
            .overrideConfigKey("quarkus.catena.mcp.everything.command", McpServers.bin("mcp-server-everything"))
            .overrideConfigKey("quarkus.catena.mcp.everything.args", "stdio")
            .overrideConfigKey("quarkus.catena.mcp.everything.tools", "echo")
            .overrideConfigKey("quarkus.catena.mcp.everything.lazy", "true")
            .overrideConfigKey("quarkus.catena.models.service-model.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.service-model.responses[0]", "tool:read_text_file {\"path\": \"" + NOTES + "\"}")
            .overrideConfigKey("quarkus.catena.models.service-model.responses[1]", "The notes say: Per aspera ad astra")
            .setAfterAllCustomizer(McpClientsTest::serversAreStoppedWithTheApplication);

    @RegisterCatenaService(model = "service-model", mcpClients = "fs")
    public interface FileAssistant {
        String ask(String question);
    }

    @Inject
    @Identifier("fs")
    CatenaMcpClient fs;

    @Inject
    @Identifier("everything")
    Instance<CatenaMcpClient> everything;

    @Inject
    FileAssistant assistant;

    @Inject
    @Identifier("service-model")
    ScriptedChatModel serviceModel;

    // the agent's synthetic bean cannot be injected yet (its instance is the agent wrapped with the
    // application's callbacks, not an Agent), so the test takes the component from the runtime
    @Inject
    CatenaRuntime runtime;

    @Test
    void aClientIsABeanWithTheSelectedToolsOfItsServer() {
        McpServers.require();
        assertThat(fs.name()).isEqualTo("fs");
        assertThat(fs.tools()).extracting(AgentTool::name).containsExactly("read_text_file", "list_directory");
        assertThat(fs.tools().getFirst().execute("{\"path\": \"" + NOTES + "\"}")).isEqualTo("Per aspera ad astra");
        record(fs);
    }

    @Test
    void aTypedServiceCallsTheFilesystemToolAndTheModelSeesItsResult() {
        McpServers.require();
        assertThat(assistant.ask("What do my notes say?")).isEqualTo("The notes say: Per aspera ad astra");
        List<String> toolResults = serviceModel.lastMessages().stream()
                .filter(m -> m instanceof ToolExecutionResultMessage).map(m -> ((ToolExecutionResultMessage) m).text()).toList();
        assertThat(toolResults).containsExactly("Per aspera ad astra");
        assertThat(serviceModel.lastRequest().toolSpecifications()).extracting(s -> s.name())
                .containsExactlyInAnyOrder("read_text_file", "list_directory");
    }

    @Test
    void aReActAgentOfAYamlFileUsesTheClientsTools() {
        McpServers.require();
        @SuppressWarnings("unchecked")
        Runnable<String, AgentResult> reader = (Runnable<String, AgentResult>) runtime.component("reader");
        AgentResult result = reader.invoke("What do my notes say?");
        assertThat(result.output()).isEqualTo("the notes are read");
        assertThat(result.steps()).filteredOn(s -> s instanceof AgentStep.Observation)
                .extracting(s -> ((AgentStep.Observation) s).text()).containsExactly("Per aspera ad astra");
    }

    @Test
    void aServerDeclaredInAYamlFileServesItsTools() {
        McpServers.require();
        ToolBox box = (ToolBox) runtime.component("yaml-files");
        assertThat(box.tools()).extracting(AgentTool::name).containsExactly("list_directory");
        assertThat(box.tools().getFirst().execute("{\"path\": \"" + ROOT + "\"}")).contains("notes.txt");
        long pid = ((McpTool) box.tools().getFirst()).connection().serverProcess().orElseThrow().pid();
        System.setProperty(PIDS, System.getProperty(PIDS, "") + pid + ",");
    }

    @Test
    void aLazyClientStartsItsServerOnFirstUse() {
        McpServers.require();
        assertThat(everythingServers()).as("server-everything before first use").isEmpty();
        CatenaMcpClient client = everything.get();
        assertThat(client.tools()).extracting(AgentTool::name).containsExactly("echo");
        assertThat(client.tools().getFirst().execute("{\"message\": \"ping\"}")).contains("ping");
        assertThat(everythingServers()).hasSize(1);
        record(client);
    }

    /** Runs after the application stopped: no server process it started is left. */
    static void serversAreStoppedWithTheApplication() {
        String pids = System.getProperty(PIDS, "");
        if (!McpServers.present()) return;
        assertThat(pids).as("server pids recorded by the tests").isNotBlank();
        for (long pid : Arrays.stream(pids.split(",")).filter(s -> !s.isBlank()).mapToLong(Long::parseLong).toArray()) {
            Optional<ProcessHandle> left = ProcessHandle.of(pid);
            if (left.isPresent()) {
                try {
                    left.get().onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new AssertionError("MCP server process " + pid + " still runs after the application stopped", e);
                }
            }
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("MCP server process %d after stop", pid).isEmpty();
        }
        System.clearProperty(PIDS);
    }

    private static void record(CatenaMcpClient client) {
        long pid = client.connection().serverProcess().orElseThrow().pid();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isPresent();
        System.setProperty(PIDS, System.getProperty(PIDS, "") + pid + ",");
    }

    private static List<ProcessHandle> everythingServers() {
        return ProcessHandle.current().descendants().filter(p -> p.info().commandLine().orElse("").contains("mcp-server-everything")
                || p.info().arguments().map(a -> String.join(" ", a)).orElse("").contains("server-everything")).toList();
    }

    /** One folder for the test class as JUnit loads it and as the application loads it. */
    private static Path folder() {
        String shared = System.getProperty("catena.test.mcp.root");
        if (shared != null) return Path.of(shared);
        try {
            Path dir = Files.createTempDirectory("catena-mcp-quarkus").toRealPath();
            System.setProperty("catena.test.mcp.root", dir.toString());
            Files.writeString(dir.resolve("notes.txt"), "Per aspera ad astra");
            dir.toFile().deleteOnExit();
            dir.resolve("notes.txt").toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
