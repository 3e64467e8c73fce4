package dev.catena.cli;

import dev.catena.chains.yaml.CatenaLoader;
import dev.catena.chains.yaml.Components;
import dev.catena.chains.yaml.Definition;
import dev.catena.chains.yaml.DefinitionWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

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
    void everyExampleIsValidRoundTripsAndCreates() throws IOException {
        CatenaLoader loader = CatenaLoader.defaults();
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
            if (!file.getFileName().toString().equals("memory.yaml")) { // creating it would write conversations/ into the sources
                Components c = loader.load(file);
                for (String name : d.components().keySet()) assertThat(c.get(name, Object.class)).as(name).isNotNull();
            }
        }
        assertThat(files.stream().map(f -> loader.read(f).document().kind()).distinct())
                .contains("Agent", "Retriever", "Memory", "Model", "Bundle");
    }

    @Test
    void theAgentExampleRunsAsItsCommentSays() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Catena.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("agent", MODULES.resolve("agent.yaml").toString(), "--input", "What is 6 times 7?");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Action: calculator", "Observation: 42", "6 times 7 is 42");
    }
}
