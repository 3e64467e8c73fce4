package dev.catena.cli.chains;

import dev.catena.cli.CommandRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command lines that the chains module's examples ({@code chains/src/test/resources/examples}) show work. */
class ChainExamplesCommandsTest {

    private static final String EXAMPLES = "../../chains/src/test/resources/examples/";

    private static String cli(String... args) {
        CommandRun run = new CommandRun().execute(ChainsCli.commandLine(), args);
        assertThat(run.code()).as(run.err()).isZero();
        return run.out();
    }

    @Test
    void theCommandLinesInTheExamplesWork() {
        assertThat(cli("run", EXAMPLES + "joke.yaml", "--input", "topic=cats", "--stream"))
                .isEqualTo("Why did the cat sit on the computer? To keep an eye on the mouse.\n");
        assertThat(cli("run", EXAMPLES + "triage.yaml", "--input", "input=Where is my parcel?"))
                .isEqualTo("Your parcel left our warehouse yesterday; tracking: LL-20931.\n");
        assertThat(cli("run", EXAMPLES + "review-pipeline.yaml", "--input", "title=Tick", "--input", "era=1890s"))
                .contains("\"synopsis\" : \"A watchmaker builds a clock").contains("\"review\" : \"Quietly moving; the last act drags. 4/5\"");
        assertThat(cli("validate", EXAMPLES + "joke.yaml", EXAMPLES + "triage.yaml", EXAMPLES + "review-pipeline.yaml",
                EXAMPLES + "summarize.yaml", EXAMPLES + "prompts/support.yaml")).contains(EXAMPLES + "triage.yaml: ok (");
    }
}
