package dev.catena.cli;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conventions of the README's table hold for the commands of every module: one meaning per flag
 * letter, errors as one line {@code catena: ...} without a stack trace (causes with {@code --verbose}),
 * exit codes 0 / 1 (run failed or bound reached) / 2 (bad input or usage), progress as plain lines
 * when standard error is not a terminal.
 */
class ConventionsTest extends CommandTest {

    @TempDir
    Path dir;

    /** Asserts that standard error is one line {@code catena: ...} containing {@code text}, no stack trace. */
    private void assertOneErrorLine(String text) {
        assertThat(console.err().lines()).as(console.err()).hasSize(1);
        assertThat(console.err()).startsWith("catena: ").contains(text).doesNotContain("\tat ").doesNotContain("Exception in");
    }

    @Test
    void eachFlagLetterMeansOneThingAcrossAllCommands() {
        Map<String, Set<String>> longNamesByShort = new TreeMap<>();
        Map<String, Set<String>> shortNamesByLong = new TreeMap<>();
        collect(Catena.commandLine().getCommandSpec(), longNamesByShort, shortNamesByLong);

        assertThat(longNamesByShort).containsKeys("-m", "-p", "-t", "-i", "-s");
        longNamesByShort.forEach((letter, longs) -> assertThat(longs).as(letter + " means " + longs).hasSize(1));
        shortNamesByLong.forEach((name, letters) -> assertThat(letters).as(name + " is spelled " + letters).hasSize(1));
        assertThat(longNamesByShort.get("-p")).containsExactly("--prompt");
        assertThat(longNamesByShort.get("-s")).containsExactly("--system");
    }

    private static void collect(CommandSpec spec, Map<String, Set<String>> byShort, Map<String, Set<String>> byLong) {
        for (OptionSpec o : spec.options()) {
            String longName = Arrays.stream(o.names()).filter(n -> n.startsWith("--")).findFirst().orElse(o.longestName());
            String shortName = Arrays.stream(o.names()).filter(n -> !n.startsWith("--")).findFirst().orElse("(none)");
            if (!shortName.equals("(none)")) byShort.computeIfAbsent(shortName, k -> new TreeSet<>()).add(longName);
            byLong.computeIfAbsent(longName, k -> new TreeSet<>()).add(shortName);
        }
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), byShort, byLong));
    }

    /** The first bytes of a GGUF file that promises a tensor and metadata, then ends. */
    private Path truncatedGguf() throws Exception {
        ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        b.put("GGUF".getBytes()).putInt(3).putLong(1).putLong(5);
        Path file = dir.resolve("cut.gguf");
        Files.write(file, b.array());
        return file;
    }

    @Test
    void aTruncatedModelIsOneErrorLineAndExitCodeTwoForInfoGenerateAndBench() throws Exception {
        String file = truncatedGguf().toString();
        assertThat(run("model", "info", file)).isEqualTo(2);
        assertOneErrorLine(file);
        assertThat(run("generate", "-m", file, "-p", "hi")).isEqualTo(2);
        assertOneErrorLine(file);
        assertThat(run("bench", "-m", file)).isEqualTo(2);
        assertOneErrorLine(file);
    }

    @Test
    void verbosePrintsTheCauseChainAnywhereOnTheLine() {
        String missing = dir.resolve("absent.gguf").toString();
        assertThat(run("model", "info", missing)).isEqualTo(2);
        assertOneErrorLine(missing);

        assertThat(run("--verbose", "model", "info", missing)).isEqualTo(2);
        assertThat(console.err()).startsWith("catena: ").contains("caused by java.nio.file.NoSuchFileException").doesNotContain("\tat ");
        assertThat(run("model", "info", missing, "--verbose")).isEqualTo(2);
        assertThat(console.err()).contains("caused by java.nio.file.NoSuchFileException");
    }

    @Test
    void usageErrorsAreOneLineWithExitCodeTwoInEveryModule() {
        assertThat(run("generate", "-p", "hi")).isEqualTo(2);
        assertOneErrorLine("--model");
        assertThat(run("bench", "-m", "x.gguf", "--threads", "0")).isEqualTo(2);
        assertOneErrorLine("--threads");
        assertThat(run("run", "--frobnicate", "x.yaml")).isEqualTo(2);
        assertOneErrorLine("--frobnicate");
        assertThat(run("agent", "x.yaml")).isEqualTo(2);
        assertOneErrorLine("missing question");
        assertThat(run("model", "random", "-o", dir.resolve("r.gguf").toString(), "--preset", "huge")).isEqualTo(2);
        assertOneErrorLine("huge");
        assertThat(run("frobnicate")).isEqualTo(2);
        assertOneErrorLine("frobnicate");
    }

    @Test
    void chainsExitZeroOnSuccessOneWhenTheRunFailsTwoOnABadFile() throws Exception {
        Path chain = dir.resolve("greet.yaml");
        Files.writeString(chain, """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: m, type: scripted, responses: ["Hello, Ada!"]}
                chains:
                  - {name: greet, type: llm, model: {ref: m}, template: "Greet {name}"}
                """);
        assertThat(run("run", chain.toString(), "-i", "name=Ada")).isZero();
        assertThat(console.out()).isEqualTo("Hello, Ada!\n");
        assertThat(console.err()).isEmpty();

        assertThat(run("run", chain.toString(), "-i", "nom=Ada")).isEqualTo(1);
        assertOneErrorLine("chain 'greet' failed");

        assertThat(run("run", dir.resolve("nope.yaml").toString())).isEqualTo(2);
        assertOneErrorLine("file not found");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: catena/v1\nkind: Chain\nname: c\ntype: lm\n");
        assertThat(run("validate", bad.toString())).isEqualTo(2);
        assertThat(console.err()).startsWith("catena: " + bad + ": 1 error").contains("bad.yaml:4:1 type: unknown Chain type 'lm'").doesNotContain("\tat ");
        assertThat(run("validate", chain.toString())).isZero();
    }

    @Test
    void agentsExitOneWhenABoundStopsThemAndTwoOnABadFile() throws Exception {
        Path agent = dir.resolve("agent.yaml");
        Files.writeString(agent, """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - name: m
                    type: scripted
                    responses:
                      - "Thought: again\\nAction: calculator\\nAction Input: {\\"expression\\": \\"1 + 1\\"}"
                      - "Thought: again\\nAction: calculator\\nAction Input: {\\"expression\\": \\"1 + 1\\"}"
                tools:
                  - {name: calc, type: calculator}
                agents:
                  - {name: looper, type: react, model: {ref: m}, tools: [{ref: calc}]}
                """);
        assertThat(run("agent", agent.toString(), "-i", "loop", "--max-iterations", "2")).isEqualTo(1);
        assertThat(console.out()).contains("Observation: 2");

        Path bad = dir.resolve("bad-agent.yaml");
        Files.writeString(bad, "apiVersion: catena/v1\nkind: Agent\ntype: react\nmodel: {ref: none}\n");
        assertThat(run("agent", bad.toString(), "-i", "q")).isEqualTo(2);
        assertThat(console.err()).startsWith("catena: " + bad + " is invalid").doesNotContain("\tat ");
    }

    @Test
    void pullPrintsPlainProgressLinesWhenNotOnATerminal() throws Exception {
        byte[] body = new byte[3 << 20];
        Arrays.fill(body, (byte) 7);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/m.gguf", exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (var os = exchange.getResponseBody()) {
                for (int i = 0; i < body.length; i += 64 << 10) os.write(body, i, 64 << 10);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/m.gguf";
            int code = run("model", "pull", url, "-d", dir.toString());
            assertThat(code).as(console.err()).isZero();
            assertThat(console.out().strip()).isEqualTo(dir.resolve("m.gguf").toString());
            assertThat(console.err()).doesNotContain("\r");
            assertThat(console.err().lines().toList()).hasSizeBetween(2, 11)
                    .last().asString().startsWith("m.gguf [####################] 100%  3.0/3.0 MiB");
        } finally {
            server.stop(0);
        }
    }
}
