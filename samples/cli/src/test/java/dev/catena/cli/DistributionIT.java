package dev.catena.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged distribution installs and runs on its own: the archive is unpacked into a temporary
 * directory outside the source tree and its {@code bin/catena} runs a chain, model commands and an agent,
 * with the exit codes and one-line errors of the README's conventions.
 */
class DistributionIT {

    @TempDir
    static Path install;

    static Path catena;

    @BeforeAll
    static void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("catena.dist.archive", "target/catena-dist.tar.gz")).toAbsolutePath();
        assertThat(archive).as("run `./mvnw -pl samples/cli -am package` first").isRegularFile();
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", install.toString()).inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        try (Stream<Path> homes = Files.list(install)) {
            Path home = homes.filter(p -> p.getFileName().toString().startsWith("catena-")).findFirst().orElseThrow();
            catena = home.resolve("bin/catena");
            assertThat(home.resolve("catena-cli.jar")).isRegularFile();
            try (Stream<Path> lib = Files.list(home.resolve("lib"))) {
                assertThat(lib.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("picocli-"))
                        .anyMatch(n -> n.startsWith("catena-local-llm-backend-"));
            }
        }
        assertThat(Files.isExecutable(catena)).isTrue();
    }

    record Result(int code, String out, String err) {}

    /** Runs the installed command in the temporary directory, with the JDK running this test as JAVA_HOME. */
    private static Result catena(String... args) throws IOException, InterruptedException {
        return run(catena, args);
    }

    private static Result run(Path command, String... args) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command.toString()));
        line.addAll(List.of(args));
        Path out = Files.createTempFile(install, "out", ".txt");
        Path err = Files.createTempFile(install, "err", ".txt");
        ProcessBuilder pb = new ProcessBuilder(line).directory(install.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().put("CATENA_JAVA_OPTS", "-Xmx512m");
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("catena " + String.join(" ", args) + " finished").isTrue();
        return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void runsAChainFromAYamlFile() throws Exception {
        Path file = install.resolve("translate.yaml");
        Files.writeString(file, """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: script, type: scripted, responses: ["Bonjour"]}
                chains:
                  - {name: translate, type: llm, model: {ref: script}, template: "Translate to French: {text}"}
                """);
        Result r = catena("run", file.toString(), "--input", "text=Hello");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("Bonjour\n");
        assertThat(r.err()).isEmpty();

        Result validate = catena("validate", file.toString());
        assertThat(validate.code()).as(validate.err()).isZero();
        assertThat(validate.out()).contains("ok (2 components");
    }

    @Test
    void writesDescribesAndRunsASmallModel() throws Exception {
        Path model = install.resolve("tiny.gguf");
        Result random = catena("model", "random", "--preset", "tiny", "--type", "Q8_0", "--seed", "3", "-t", "1", "-o", model.toString());
        assertThat(random.code()).as(random.err()).isZero();

        Result info = catena("model", "info", model.toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("architecture:  llama").contains("layers:        2").contains("Q8_0 x");

        Result generate = catena("generate", "-m", model.toString(), "-p", "the", "--max-tokens", "4", "--temperature", "0", "-t", "1");
        assertThat(generate.code()).as(generate.err()).isZero();
        assertThat(generate.err()).contains("generation: 4 tokens");
    }

    @Test
    void describesTheRealGemmaFileWhenPresent() throws Exception {
        String dir = System.getenv().getOrDefault("CATENA_MODEL_DIR", System.getProperty("user.home") + "/.cache/catena/models");
        Path gemma = Path.of(dir, "gemma-3-270m-q4_k_m.gguf");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(gemma), "no Gemma file at " + gemma);
        Result info = catena("model", "info", gemma.toString());
        assertThat(info.code()).as(info.err()).isZero();
        assertThat(info.out()).contains("architecture:  gemma3").contains("layers:        18");
    }

    @Test
    void runsAnAgent() throws Exception {
        Path file = Files.copy(CatenaTest.agentFile(), install.resolve("agent.yaml"));
        Result r = catena("agent", file.toString(), "--input", "What is two to the tenth?");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Action: calculator", "Observation: 1024", "1024");
    }

    @Test
    void errorsAreOneLineWithTheDocumentedExitCodes() throws Exception {
        Path cut = install.resolve("cut.gguf");
        Files.write(cut, ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).put("GGUF".getBytes()).putInt(3).putLong(1).putLong(5).array());
        Result r = catena("model", "info", cut.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().lines()).as(r.err()).hasSize(1).first().asString().startsWith("catena: ").contains(cut.toString());

        Result usage = catena("generate", "--no-such-flag");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err().lines()).as(usage.err()).hasSize(1).first().asString().startsWith("catena: ");
    }

    @Test
    void runsThroughASymbolicLinkOnThePath() throws Exception {
        Path bin = Files.createDirectories(install.resolve("home/.local/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("catena"), catena);
        Result r = run(link, "--version");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("catena ");
    }
}
