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
        assertThat(out.toString()).contains("run", "validate", "schema", "agent", "model", "generate", "chat", "bench");
    }

    /** The scripted ReAct agent of {@code cli/agent.yaml} (also run from the distribution by DistributionIT). */
    static Path agentFile() throws Exception {
        return Path.of(CatenaTest.class.getResource("/cli/agent.yaml").toURI());
    }

    @Test
    void runsAnAgentFromAYamlFile() throws Exception {
        Path file = agentFile();
        int code = run("agent", file.toString(), "--input", "What is two to the tenth?");

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Action: calculator", "Observation: 1024", "1024");
    }

    @Test
    void validatesAndRunsAChainFileAndWritesTheSchemaOfEveryRegisteredType(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chain.yaml");
        Files.writeString(file, """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - name: script
                    type: scripted
                    responses: ["Bonjour"]
                chains:
                  - name: translate
                    type: llm
                    model: {ref: script}
                    template: "Translate to French: {text}"
                """);
        assertThat(run("validate", file.toString())).as(err.toString()).isZero();
        assertThat(run("run", file.toString(), "--input", "text=Hello")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Bonjour");

        Path schema = dir.resolve("schema.json");
        assertThat(run("schema", schema.toString())).as(err.toString()).isZero();
        assertThat(Files.readString(schema)).contains("local-gguf", "react", "token-window", "lucene", "llm-router");
    }

    @Test
    void aBrokenFileFailsValidationWithItsLocation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "apiVersion: catena/v1\nkind: Chain\ntype: llm\nmodel: {ref: missing}\nprompt: 'x'\n");
        assertThat(run("validate", file.toString())).isNotZero();
        assertThat(out.toString() + err.toString()).contains("bad.yaml:").contains("missing");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(err.toString()).contains("frobnicate");
    }
}
