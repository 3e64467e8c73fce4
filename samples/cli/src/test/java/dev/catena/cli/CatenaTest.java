package dev.catena.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The umbrella command mounts every module's subcommands and runs them. */
class CatenaTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = Catena.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void listsTheSubcommandsOfEveryModule() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("agent", "model", "generate", "chat");
    }

    @Test
    void runsAnAgentFromAYamlFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - name: script
                    type: scripted
                    responses:
                      - "Thought: compute it\\nAction: calculator\\nAction Input: {\\"expression\\": \\"32 * 32\\"}"
                      - "Final Answer: 1024"
                tools:
                  - name: calc
                    type: calculator
                agents:
                  - name: helper
                    type: react
                    model: {ref: script}
                    tools: [{ref: calc}]
                """);

        int code = run("agent", file.toString(), "--input", "What is two to the tenth?");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Action: calculator", "Observation: 1024", "1024");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("frobnicate");
    }
}
