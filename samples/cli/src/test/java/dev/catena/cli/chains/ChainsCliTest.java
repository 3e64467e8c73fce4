package dev.catena.cli.chains;

import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.chains.yaml.SchemaGenerator;
import dev.catena.cli.CommandRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands run in-process: output, errors and exit codes. */
class ChainsCliTest {

    @TempDir
    Path dir;

    private static CommandRun run(String... args) {
        return run(ChainsCli.commandLine(), args);
    }

    private static CommandRun run(CommandLine cli, String... args) {
        return new CommandRun().execute(cli, args);
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private Path joke() throws IOException {
        return write("joke.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: local, type: scripted, responses: ["Why did the ${env:ANIMAL} cross the road?"]}
                chains:
                  - {name: joke, type: llm, model: {ref: local}, template: "Tell a {style} joke about {topic}."}
                """);
    }

    @Test
    void runPrintsTheAnswer() throws IOException {
        Path file = write("hello.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: local, type: scripted, responses: ["Hello, Ada!"]}
                chains:
                  - {name: greet, type: llm, model: {ref: local}, template: "Greet {name}"}
                """);
        CommandRun r = run("run", file.toString(), "--input", "name=Ada");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Hello, Ada!\n");
    }

    @Test
    void runReadsOnlyAllowListedEnvironment() throws IOException {
        CommandRun r = run("run", joke().toString(), "-i", "style=short", "-i", "topic=chickens", "--allow-env", "ANIMAL");
        // ANIMAL is not set in the test environment: the allow-list passes, the missing value is a located error
        if (System.getenv("ANIMAL") == null) {
            assertThat(r.code()).isEqualTo(2);
            assertThat(r.err()).contains("joke.yaml:4:47 models[0].responses[0]: environment variable 'ANIMAL' is not set");
        }
        CommandRun denied = run("run", joke().toString(), "-i", "style=short", "-i", "topic=chickens");
        assertThat(denied.code()).isEqualTo(2);
        assertThat(denied.err()).contains("joke.yaml:4:47 models[0].responses[0]: environment variable 'ANIMAL' is not on the allow-list (allowed: none)");
    }

    @Test
    void runStreamsTokens() throws IOException {
        Path file = write("story.yaml", """
                apiVersion: catena/v1
                kind: Chain
                include: [models.yaml]
                name: story
                type: llm
                model: {ref: teller}
                template: "A story about {topic}"
                """);
        write("models.yaml", """
                apiVersion: catena/v1
                kind: Model
                name: teller
                type: scripted
                responses: ["Once upon a time there was a fox."]
                """);
        CommandRun r = run("run", file.toString(), "--input", "topic=a fox", "--stream");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Once upon a time there was a fox.\n");
    }

    @Test
    void runChoosesTheTopChainOrAsks() throws IOException {
        Path file = write("pipeline.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: m, type: scripted, responses: ["Tick is a clock.", "Lovely."]}
                chains:
                  - {name: synopsis, type: llm, model: {ref: m}, template: "Synopsis of {title}"}
                  - {name: review, type: llm, model: {ref: m}, template: "Review {synopsis}"}
                  - name: play
                    type: sequential
                    inputs: [title]
                    steps: [{output: synopsis, chain: {ref: synopsis}}, {output: review, chain: {ref: review}}]
                    outputs: [synopsis, review]
                """);
        CommandRun r = run("run", file.toString(), "--input", "title=Tick");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("{\n  \"synopsis\" : \"Tick is a clock.\",\n  \"review\" : \"Lovely.\"\n}\n");

        Path two = write("two.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: m, type: scripted, responses: ["one"]}
                chains:
                  - {name: a, type: llm, model: {ref: m}, template: "{x}"}
                  - {name: b, type: llm, model: {ref: m}, template: "{x}"}
                """);
        CommandRun ambiguous = run("run", two.toString(), "--input", "x=1");
        assertThat(ambiguous.code()).isEqualTo(2);
        assertThat(ambiguous.err()).contains("declares several chains (a, b); choose one with --chain NAME");
        CommandRun chosen = run("run", two.toString(), "--input", "x=1", "--chain", "b");
        assertThat(chosen.out()).isEqualTo("one\n");
        assertThat(run("run", two.toString(), "--chain", "c").err()).contains("no chain named 'c'").contains("(chains: a, b)");
    }

    @Test
    void runFailuresHaveTheirOwnExitCodes() throws IOException {
        Path file = write("greet.yaml", """
                apiVersion: catena/v1
                kind: Chain
                name: greet
                type: llm
                model: {bean: host-model}
                template: "Greet {name}"
                """);
        CommandRun noBean = run("run", file.toString(), "--input", "name=Ada");
        assertThat(noBean.code()).isEqualTo(2);
        assertThat(noBean.err()).contains("greet.yaml:5:1 model: unknown bean 'host-model' (registered: none)");

        CommandLine withBean = new CommandLine(new RunCommand().bean("host-model", dev.catena.testing.ScriptedChatModel.of("Hi Ada")));
        assertThat(run(withBean, file.toString(), "--input", "name=Ada").out()).isEqualTo("Hi Ada\n");

        CommandLine missingInput = new CommandLine(new RunCommand().bean("host-model", dev.catena.testing.ScriptedChatModel.of("x")));
        CommandRun failed = run(missingInput, file.toString(), "--input", "nom=Ada");
        assertThat(failed.code()).isEqualTo(1);
        assertThat(failed.err()).contains("run: chain 'greet' failed:").contains("'name'");

        assertThat(run("run", dir.resolve("nope.yaml").toString()).code()).isEqualTo(2);
        assertThat(run("run").code()).isEqualTo(2);
        assertThat(run("run", file.toString(), "--input", "no-equals-sign").code()).isEqualTo(2);
    }

    @Test
    void validatePrintsEveryErrorOfEveryFile() throws IOException {
        Path good = joke();
        Path bad = write("bad.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                chains:
                  - {name: a, type: llm, model: {ref: gpt}, template: "{q}"}
                  - {name: b, type: lm}
                  - {name: c, type: stuff, chain: {ref: a}, separator: 3}
                """);
        CommandRun r = run("validate", good.toString(), bad.toString(), "--allow-env", "ANIMAL");

        assertThat(r.code()).isEqualTo(2);
        if (System.getenv("ANIMAL") == null) {
            assertThat(r.err()).contains("joke.yaml:4:47 models[0].responses[0]: environment variable 'ANIMAL' is not set");
        }
        assertThat(r.err()).contains(bad + ": 3 errors\n"
                + "  bad.yaml:5:15 chains[1].type: unknown Chain type 'lm' (known: conversation, conversational-retrieval, "
                + "embedding-router, llm, llm-router, map-reduce, refine, retrieval-qa, sequential, stuff, transform)\n"
                + "  bad.yaml:6:45 chains[2].separator: wrong value type: expected a string, got the number 3\n"
                + "  bad.yaml:4:26 chains[0].model: unknown ref 'gpt' (known: a)\n");
        assertThat(r.err()).endsWith("2 of 2 files are invalid\n")
                .as("a reference to a component with its own errors is not reported again").doesNotContain("unknown ref 'local'");
    }

    @Test
    void validateAcceptsValidFilesAndDeclaredBeans() throws IOException {
        Path file = write("qa.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: m, type: scripted, responses: [x]}
                chains:
                  - {name: answer, type: llm, model: {ref: m}, template: "{context} {question}"}
                  - {name: stuffed, type: stuff, chain: {ref: answer}}
                  - {name: qa, type: retrieval-qa, retriever: {bean: kb}, combine: {ref: stuffed}}
                """);
        assertThat(run("validate", file.toString()).err()).contains("qa.yaml:8:36 chains[2].retriever: unknown bean 'kb'");
        CommandRun ok = run("validate", "--bean", "kb", file.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).isEqualTo(file + ": ok (4 components: m, answer, stuffed, qa)\n");
    }

    @Test
    void schemaWritesTheGeneratedSchema() throws IOException {
        Path out = dir.resolve("sub/catena.schema.json");
        CommandRun r = run("schema", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("wrote " + out + " (kinds: ").contains("Chain", "Model", "Prompt");
        String expected = SchemaGenerator.generate(ComponentRegistry.fromServiceLoader());
        assertThat(Files.readString(out)).isEqualTo(expected);
        assertThat(run("schema", "-").out()).isEqualTo(expected);
    }

    @Test
    void withoutASubcommandPrintsUsage() {
        CommandRun r = run();
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("run").contains("validate").contains("schema");
        assertThat(run("frobnicate").code()).isEqualTo(2);
    }
}
