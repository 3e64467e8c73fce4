package dev.catena.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The umbrella command mounts every module's subcommands and runs them. */
class CatenaTest extends CommandTest {

    @Test
    void listsTheSubcommandsOfEveryModule() {
        assertThat(run("--help")).isZero();
        assertThat(console.out()).contains("run", "validate", "schema", "agent", "model", "generate", "chat", "bench");
    }

    /** The scripted ReAct agent of {@code cli/agent.yaml} (also run from the distribution by DistributionIT). */
    static Path agentFile() throws Exception {
        return Path.of(CatenaTest.class.getResource("/cli/agent.yaml").toURI());
    }

    @Test
    void runsAnAgentFromAYamlFile() throws Exception {
        Path file = agentFile();
        int code = run("agent", file.toString(), "--input", "What is two to the tenth?");

        assertThat(code).as(console.err()).isZero();
        assertThat(console.out()).contains("Action: calculator", "Observation: 1024", "1024");
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
        assertThat(run("validate", file.toString())).as(console.err()).isZero();
        assertThat(run("run", file.toString(), "--input", "text=Hello")).as(console.err()).isZero();
        assertThat(console.out()).contains("Bonjour");

        Path schema = dir.resolve("schema.json");
        assertThat(run("schema", schema.toString())).as(console.err()).isZero();
        assertThat(Files.readString(schema)).contains("local-gguf", "react", "token-window", "lucene", "llm-router");
    }

    @Test
    void aBrokenFileFailsValidationWithItsLocation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "apiVersion: catena/v1\nkind: Chain\ntype: llm\nmodel: {ref: missing}\nprompt: 'x'\n");
        assertThat(run("validate", file.toString())).isNotZero();
        assertThat(console.out() + console.err()).contains("bad.yaml:").contains("missing");
    }

    @Test
    void anUnknownSubcommandIsAUsageError() {
        assertThat(run("frobnicate")).isEqualTo(2);
        assertThat(console.err()).contains("frobnicate");
    }
}
