package dev.catena.chains;

import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.ComponentDefinition;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.Components;
import dev.catena.chains.yaml.Definition;
import dev.catena.chains.yaml.DefinitionWriter;
import dev.catena.core.prompt.PromptValue;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.rag.content.Content;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.catena.chains.TestInputs.in;
import static org.assertj.core.api.Assertions.assertThat;

/** The files under chains/src/test/resources/examples are valid, round-trip, and do what their comments say. */
class ExamplesTest {

    static final Path EXAMPLES = Path.of("src/test/resources/examples");

    private static CatenaLoader loader() {
        return CatenaLoader.builder()
                .environment(Map.of("LOCAL_LLM_API_KEY", "test-key")).allowEnv("LOCAL_LLM_API_KEY")
                .bean("handbook", new InMemoryRetriever(2, "Lamps ship within 2 days.", "Returns are free for 30 days."))
                .bean("memory", new LockingMemory())
                .build();
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            // examples/modules holds the kinds of other modules (agents, retrievers, memory): samples/cli tests them
            return files.filter(f -> f.toString().endsWith(".yaml") && !f.startsWith(EXAMPLES.resolve("modules"))).sorted().toList();
        }
    }

    @Test
    void everyExampleIsValidAndRoundTrips() throws IOException {
        List<Path> files = examples();
        assertThat(files).hasSizeGreaterThanOrEqualTo(8);
        for (Path file : files) {
            Definition d = loader().read(file);
            assertThat(d.components()).as(file.toString()).isNotEmpty();
            Path copy = file.resolveSibling("roundtrip-" + file.getFileName());
            try {
                Files.writeString(copy, DefinitionWriter.write(d));
                assertThat(loader().read(copy).document()).as(file.toString()).isEqualTo(d.document());
            } finally {
                Files.deleteIfExists(copy);
            }
        }
        // every kind has an example
        assertThat(files.stream().map(f -> loader().read(f).document().kind()).distinct())
                .contains("Bundle", "Chain", "Model", "Prompt");
    }

    /**
     * Every component is created as what its registered type promises (a Model a chat model, a Prompt a runnable
     * giving prompt values...), once per file, and the support prompt carries the system text of the file it names.
     */
    @Test
    @SuppressWarnings("unchecked")
    void everyComponentOfTheExamplesCanBeCreated() throws IOException {
        ComponentRegistry registry = ComponentRegistry.fromServiceLoader();
        int created = 0;
        for (Path file : examples()) {
            Components c = loader().load(file);
            for (ComponentDefinition d : c.definition().components().values()) {
                Object component = c.get(d.name(), Object.class);
                assertThat(component).as("%s in %s", d.name(), file).isInstanceOf(registry.find(d.kind(), d.type()).productClass());
                assertThat(c.get(d.name(), Object.class)).as("%s is created once", d.name()).isSameAs(component);
                created++;
            }
        }
        assertThat(created).isGreaterThanOrEqualTo(20);
        Runnable<Map<String, Object>, PromptValue> support = loader().load(EXAMPLES.resolve("prompts/support.yaml")).get("support-prompt", Runnable.class);
        List<ChatMessage> messages = support.invoke(in("input", "Is my lamp on its way?")).toMessages();
        assertThat(((SystemMessage) messages.getFirst()).text().strip()).isEqualTo(Files.readString(EXAMPLES.resolve("prompts/support-system.txt")).strip());
        assertThat(((UserMessage) messages.getLast()).singleText()).isEqualTo("Is my lamp on its way?");
    }

    @Test
    void summarizeMapsAndReduces() {
        Components c = loader().load(EXAMPLES.resolve("summarize.yaml"));
        @SuppressWarnings("unchecked")
        Runnable<Map<String, Object>, Object> summary = c.get("summary", Runnable.class);
        assertThat(summary.invoke(in("documents", List.of("Our lamps ship in two days...", "Returns: free, 30 days..."))))
                .isEqualTo("Lamps ship in 2 days; returns are free for 30 days.");
    }

    @Test
    @SuppressWarnings("unchecked")
    void docsQaRunsOnAScriptedModelWhenTheModelFileIsSwapped(@TempDir Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(EXAMPLES)) {
            for (Path f : files.toList()) {
                Path target = dir.resolve(EXAMPLES.relativize(f).toString());
                if (Files.isDirectory(f)) Files.createDirectories(target); else Files.copy(f, target);
            }
        }
        Files.writeString(dir.resolve("models/local-server.yaml"), """
                apiVersion: catena/v1
                kind: Model
                name: model
                type: scripted
                responses: ["They ship within 2 days."]
                """);
        Components real = loader().load(EXAMPLES.resolve("docs-qa.yaml"));
        assertThat(real.get("model", ChatModel.class).getClass().getSimpleName()).isEqualTo("OpenAiCompatibleChatModel");

        Components c = loader().load(dir.resolve("docs-qa.yaml"));
        Map<String, Object> out = (Map<String, Object>) c.get("handbook-qa", Runnable.class).invoke(in("question", "How fast do lamps ship?"));
        assertThat(out.get("answer")).isEqualTo("They ship within 2 days.");
        assertThat(((List<Content>) out.get("sources")).getFirst().textSegment().text()).isEqualTo("Lamps ship within 2 days.");
    }
}
