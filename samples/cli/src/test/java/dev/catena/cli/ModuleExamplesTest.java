package dev.catena.cli;

import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.yaml.ToolBox;
import dev.catena.chains.yaml.ComponentDefinition;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.Components;
import dev.catena.core.memory.ConversationMemory;
import dev.catena.core.retrieval.Retriever;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.catena.chains.yaml.Definition;
import dev.catena.chains.yaml.DefinitionWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The worked examples of the kinds other modules declare ({@code chains/src/test/resources/examples/modules}:
 * Agent, Retriever, Memory, tools and stores) are valid, round-trip, create, and the agent runs.
 */
class ModuleExamplesTest {

    static final Path MODULES = Path.of("../../chains/src/test/resources/examples/modules");

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(MODULES)) {
            return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyExampleIsValidRoundTripsAndCreates(@TempDir Path dir) throws IOException {
        CatenaLoader loader = CatenaLoader.defaults();
        ComponentRegistry registry = ComponentRegistry.fromServiceLoader();
        List<Path> files = examples();
        for (Path file : files) {
            Definition d = loader.read(file);
            Path copy = Files.createTempFile(MODULES, "roundtrip-", ".yaml");
            try {
                Files.writeString(copy, DefinitionWriter.write(d));
                assertThat(loader.read(copy).document()).as(file.toString()).isEqualTo(d.document());
            } finally {
                Files.deleteIfExists(copy);
            }
            Files.copy(file, dir.resolve(file.getFileName())); // created from a copy: the memory writes conversations/ beside it
        }
        int created = 0;
        for (Path file : files) {
            Components c = loader.load(dir.resolve(file.getFileName()));
            for (ComponentDefinition d : c.definition().components().values()) {
                assertThat(c.get(d.name(), Object.class)).as("%s in %s", d.name(), file)
                        .isInstanceOf(registry.find(d.kind(), d.type()).productClass());
                created++;
            }
        }
        assertThat(created).isGreaterThanOrEqualTo(8);
        assertThat(files.stream().map(f -> loader.read(f).document().kind()).distinct())
                .contains("Agent", "Retriever", "Memory", "Model", "Bundle");
    }

    /** tools.yaml: the calculator computes, the clock tells Paris time, http-get refuses hosts off its list. */
    @Test
    void theToolExamplesDoWhatTheirSpecsSay() {
        Components c = CatenaLoader.defaults().load(MODULES.resolve("tools.yaml"));
        assertThat(tool(c, "calculator").execute("{\"expression\": \"6 * 7\"}")).isEqualTo("42");
        assertThat(tool(c, "clock").execute("{}")).contains("Europe/Paris");
        assertThatThrownBy(() -> tool(c, "web").execute("{\"url\": \"http://127.0.0.1/\"}"))
                .hasMessageContaining("127.0.0.1");
    }

    /** retriever.yaml over store.yaml: a question finds the matching document in the index through MiniLM. */
    @Test
    @SuppressWarnings("unchecked")
    void theRetrieverExampleFindsWhatWasIndexed() {
        Components c = CatenaLoader.defaults().load(MODULES.resolve("retriever.yaml"));
        EmbeddingModel embed = c.get("embed", EmbeddingModel.class);
        EmbeddingStore<TextSegment> index = c.get("index", EmbeddingStore.class);
        for (String text : List.of("Desk lamps ship within two days of the order.", "Our office cat is called Mustard.")) {
            TextSegment segment = TextSegment.from(text);
            index.add(embed.embed(segment).content(), segment);
        }
        List<Content> found = c.get("search", Retriever.class).retrieve("How fast do lamps ship?");
        assertThat(found).isNotEmpty();
        assertThat(found.getFirst().textSegment().text()).isEqualTo("Desk lamps ship within two days of the order.");
    }

    /** memory.yaml: a token window kept in files under conversations/ beside the definition. */
    @Test
    void theMemoryExampleKeepsTurnsInFiles(@TempDir Path dir) throws IOException {
        Path file = Files.copy(MODULES.resolve("memory.yaml"), dir.resolve("memory.yaml"));
        ConversationMemory memory = CatenaLoader.defaults().load(file).get("recent", ConversationMemory.class);
        memory.add("c1", List.of(UserMessage.from("Where is my lamp?"), AiMessage.from("It ships today.")));
        assertThat(memory.messages("c1")).containsExactly(UserMessage.from("Where is my lamp?"), AiMessage.from("It ships today."));
        ConversationMemory reopened = CatenaLoader.defaults().load(file).get("recent", ConversationMemory.class);
        assertThat(reopened.messages("c1")).as("read back from conversations/").hasSize(2);
        try (Stream<Path> stored = Files.list(dir.resolve("conversations"))) {
            assertThat(stored.count()).isEqualTo(1);
        }
    }

    @Test
    void theAgentExampleRunsAsItsCommentSays() {
        CommandRun run = CommandRun.catena("agent", MODULES.resolve("agent.yaml").toString(), "--input", "What is 6 times 7?");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("Action: calculator", "Observation: 42", "6 times 7 is 42");
    }

    /** The single tool a Tool component holds. */
    static AgentTool tool(Components components, String name) {
        return components.get(name, ToolBox.class).tools().getFirst();
    }
}
