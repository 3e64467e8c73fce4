package dev.catena.core.fuzz;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the committed fuzz inputs of framework-core's targets (test resources {@code fuzz/<Target>/}).
 * Other modules use {@code dev.catena.testing.FuzzCorpus}, which framework-core cannot depend on.
 */
class FuzzRegressionTest {

    @Test
    void jsonParserSurvivesEveryCommittedInput() throws Exception {
        List<Path> inputs = inputs("JsonOutputParserFuzzer");
        assertThat(inputs).isNotEmpty();
        for (Path input : inputs) JsonOutputParserFuzzer.fuzzerTestOneInput(Files.readAllBytes(input));
    }

    @Test
    void textParsersSurviveEveryCommittedInput() throws Exception {
        List<Path> inputs = inputs("TextParsersFuzzer");
        assertThat(inputs).isNotEmpty();
        for (Path input : inputs) TextParsersFuzzer.fuzzerTestOneInput(Files.readAllBytes(input));
    }

    private static List<Path> inputs(String target) throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(Path.of(FuzzRegressionTest.class.getResource("/fuzz/" + target).toURI()))) {
            return files.sorted().toList();
        }
    }
}
