package dev.catena.agents.mcp;

import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentStep;
import dev.catena.agents.react.ReActAgent;
import dev.catena.agents.toolcalling.ToolCallingAgent;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.catena.agents.tool.AgentTool;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** ReAct and tool-calling agents use server-filesystem's tools, rooted at a temporary folder. */
class FilesystemAgentTest {

    @TempDir
    Path root;

    @Test
    void answersFromAFileReadThroughTheFilesystemServer() throws IOException {
        Path notes = Files.writeString(root.resolve("notes.txt"), "The launch code name is BLUE HERON.\n");
        String path = notes.toRealPath().toString();
        // the model reads the file, then answers with what the observation said (not a scripted constant)
        ScriptedChatModel model = ScriptedChatModel.builder()
                .reply("Thought: the answer is in the notes.\nAction: read_text_file\nAction Input: {\"path\": \"" + path + "\"}")
                .replyWith(request -> {
                    Matcher m = Pattern.compile("code name is ([A-Z ]+)\\.").matcher(lastText(request.messages()));
                    return AiMessage.from(m.find() ? "Thought: found it\nFinal Answer: " + m.group(1) : "Final Answer: I could not read it");
                })
                .build();
        try (McpConnection fs = McpConnection.open(ReferenceServers.filesystem("files", root.toRealPath()))) {
            List<AgentTool> tools = McpTool.of(fs, ToolSelection.only("read_text_file", "list_directory"));
            assertThat(tools).extracting(AgentTool::name).containsExactly("read_text_file", "list_directory");

            AgentResult result = ReActAgent.builder().model(model).tools(tools).build().invoke("What is the launch code name?");

            assertThat(result.answered()).isTrue();
            assertThat(result.output()).isEqualTo("BLUE HERON");
            assertThat(result.steps(AgentStep.Observation.class)).singleElement()
                    .satisfies(o -> assertThat(o.text()).isEqualTo("The launch code name is BLUE HERON.\n"));
            String system = ((SystemMessage) model.requests().getFirst().messages().getFirst()).text();
            assertThat(system).contains("read_text_file").contains("<tool_output source=\"mcp:files\">");
            assertThat(lastText(model.requests().get(1).messages())).startsWith("Observation: <tool_output source=\"read_text_file\">");
        }
    }

    @Test
    void aToolCallingAgentGetsTheServersSchemaAndCallsItNatively() throws IOException {
        Files.writeString(root.resolve("a.txt"), "alpha");
        Files.writeString(root.resolve("b.txt"), "beta");
        String dir = root.toRealPath().toString();
        ScriptedChatModel model = ScriptedChatModel.builder()
                .replyToolCall("list_directory", "{\"path\": \"" + dir + "\"}")
                .replyWith(request -> AiMessage.from("The folder holds "
                        + ((ToolExecutionResultMessage) request.messages().getLast()).text().lines().filter(l -> l.startsWith("[FILE]")).count() + " files."))
                .build();
        try (McpConnection fs = McpConnection.open(ReferenceServers.filesystem("files", root.toRealPath()))) {
            AgentResult result = ToolCallingAgent.builder().model(model).tools(McpTool.of(fs, ToolSelection.only("list_directory"))).build()
                    .invoke("How many files are there?");
            assertThat(result.output()).isEqualTo("The folder holds 2 files.");
            ToolSpecification spec = model.requests().getFirst().toolSpecifications().getFirst();
            assertThat(spec.name()).isEqualTo("list_directory");
            assertThat(spec.parameters().required()).containsExactly("path");
        }
    }

    @Test
    void aPathOutsideTheRootIsAnObservationNotACrash() throws IOException {
        ScriptedChatModel model = ScriptedChatModel.of(
                "Thought: peek\nAction: read_text_file\nAction Input: {\"path\": \"/etc/passwd\"}",
                "Thought: not allowed\nFinal Answer: I may not read that file.");
        try (McpConnection fs = McpConnection.open(ReferenceServers.filesystem("files", root.toRealPath()))) {
            AgentResult result = ReActAgent.builder().model(model).tools(McpTool.of(fs, ToolSelection.only("read_text_file"))).build()
                    .invoke("Show me /etc/passwd");
            assertThat(result.output()).isEqualTo("I may not read that file.");
            AgentStep.Observation o = result.steps(AgentStep.Observation.class).getFirst();
            assertThat(o.error()).isTrue();
            assertThat(o.text()).contains("MCP server 'files' tool 'read_text_file' reported an error").contains("outside allowed directories");
        }
    }

    private static String lastText(List<ChatMessage> messages) {
        ChatMessage last = messages.getLast();
        return last instanceof UserMessage u ? u.singleText() : ((AiMessage) last).text();
    }
}
