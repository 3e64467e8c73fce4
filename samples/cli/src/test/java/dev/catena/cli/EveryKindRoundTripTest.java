package dev.catena.cli;

import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.ComponentDefinition;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.Components;
import dev.catena.chains.yaml.Definition;
import dev.catena.chains.yaml.DefinitionWriter;
import dev.catena.agents.Agent;
import dev.catena.core.memory.ConversationMemory;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The kinds declared by modules other than chains (Agent, Tool, Memory, Store, Retriever, and the
 * embedding Model) load, round-trip through the writer to an equal definition, and create.
 */
class EveryKindRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void agentsToolsMemoryStoresAndRetrieversRoundTripAndCreate() throws Exception {
        Path file = dir.resolve("app.yaml");
        Files.writeString(file, """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: script, type: scripted, responses: ["Final Answer: 4", "It is 4."]}
                  - {name: embed, type: minilm, quantized: true}
                stores:
                  - {name: index, type: lucene, dimension: 384}
                retrievers:
                  - {name: search, type: vector, store: {ref: index}, embeddingModel: {ref: embed}, maxResults: 3, minScore: 0.2}
                memories:
                  - {name: recent, type: message-window, maxMessages: 6, store: {kind: file, path: conversations}}
                  - {name: budget, type: token-window, maxTokens: 300}
                tools:
                  - {name: calc, type: calculator}
                  - {name: clock, type: datetime, zone: Europe/Paris}
                  - {name: lookup, type: retriever, retriever: {ref: search}, description: Searches the index, maxResults: 2}
                  - {name: web, type: http-get, allowedHosts: [example.org], maxBytes: 2000, timeoutMillis: 1000}
                agents:
                  - name: helper
                    type: react
                    model: {ref: script}
                    tools: [{ref: calc}, {ref: clock}, {ref: lookup}, {ref: web}]
                    memory: {ref: recent}
                    maxIterations: 3
                  - {name: caller, type: tool-calling, model: {ref: script}, tools: [{ref: calc}], maxToolCalls: 2}
                """);
        CatenaLoader loader = CatenaLoader.defaults();

        Definition first = loader.read(file);
        String written = DefinitionWriter.write(first);
        Path copy = Files.writeString(dir.resolve("copy.yaml"), written);
        Definition second = loader.read(copy);

        assertThat(second.document()).as("written as:%n%s", written).isEqualTo(first.document());
        assertThat(second.components()).isEqualTo(first.components());
        assertThat(DefinitionWriter.write(second)).isEqualTo(written);

        Components components = loader.components(second);
        ComponentRegistry registry = ComponentRegistry.fromServiceLoader();
        for (ComponentDefinition d : second.components().values()) {
            assertThat(components.get(d.name(), Object.class)).as(d.name()).isInstanceOf(registry.find(d.kind(), d.type()).productClass());
        }
        assertThat(components.get("helper", Agent.class).invoke("What is 2 + 2?").output()).isEqualTo("4");
        assertThat(components.get("caller", Agent.class).invoke("And again?").output()).isEqualTo("It is 4.");
        assertThat(ModuleExamplesTest.tool(components, "calc").execute("{\"expression\": \"2 + 2\"}")).isEqualTo("4");
        // the window of 6 messages, stored in files under conversations/ beside the definition
        ConversationMemory recent = components.get("recent", ConversationMemory.class);
        for (int turn = 1; turn <= 4; turn++) {
            recent.add("c", List.of(UserMessage.from("q" + turn), AiMessage.from("a" + turn)));
        }
        assertThat(recent.messages("c")).containsExactly(UserMessage.from("q2"), AiMessage.from("a2"), UserMessage.from("q3"),
                AiMessage.from("a3"), UserMessage.from("q4"), AiMessage.from("a4"));
        assertThat(Files.isDirectory(dir.resolve("conversations"))).isTrue();
        assertThat(loader.components(loader.read(copy)).get("recent", ConversationMemory.class).messages("c"))
                .as("read back from the files by a fresh load").isEqualTo(recent.messages("c"));
    }
}
