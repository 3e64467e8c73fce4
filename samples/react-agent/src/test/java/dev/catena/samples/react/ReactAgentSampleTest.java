package dev.catena.samples.react;

import com.sun.net.httpserver.HttpServer;
import dev.catena.cli.agents.AgentCommand;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the sample end to end (real tools, real MiniLM index, real HTTP) with a scripted model. */
class ReactAgentSampleTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new ReactAgentSample());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    /** A model file whose model replies {@code replies} in order. */
    static Path scriptedModel(Path dir, String... replies) throws IOException {
        StringBuilder yaml = new StringBuilder("apiVersion: catena/v1\nkind: Model\nname: model\ntype: scripted\nresponses:\n");
        for (String r : replies) yaml.append("  - \"").append(r.replace("\"", "\\\"").replace("\n", "\\n")).append("\"\n");
        Path f = dir.resolve("model.yaml");
        Files.writeString(f, yaml.toString());
        return f;
    }

    private List<String> lines() {
        return out.toString().lines().toList();
    }

    @Test
    void searchesTheHandbookAndCalculatesWithTheRealTools() throws IOException {
        Path model = scriptedModel(dir,
                "Thought: I need the adult ticket price.\nAction: search_handbook\nAction Input: {\"query\": \"price of an adult ticket\"}",
                "Thought: Three adult tickets.\nAction: calculator\nAction Input: {\"expression\": \"3 * 14\"}",
                "Thought: I now know the final answer\nFinal Answer: Three adult tickets cost 42 EUR.");

        int code = run("--input", "How much do 3 adult tickets cost?", "--model-file", model.toString());

        assertThat(code).as(err.toString()).isEqualTo(AgentCommand.ANSWERED);
        String trace = out.toString();
        assertThat(lines().getFirst()).matches("Indexed 4 handbook pages \\(\\d+ chunks\\) with all-MiniLM-L6-v2 into an in-memory Lucene store\\.");
        assertThat(trace).contains("""
                Question: How much do 3 adult tickets cost?
                Thought: I need the adult ticket price.
                Action: search_handbook
                Action Input: {"query": "price of an adult ticket"}
                Observation: [1] """);
        int observation = trace.indexOf("Observation: [1] ");
        int nextThought = trace.indexOf("Thought: Three adult tickets.");
        assertThat(trace.substring(observation, nextThought)).contains("Adult ticket: 14 EUR.");
        assertThat(trace).contains("""
                Action: calculator
                Action Input: {"expression": "3 * 14"}
                Observation: 42
                Thought: I now know the final answer
                Final Answer: Three adult tickets cost 42 EUR.
                Stop reason: FINAL_ANSWER
                """);
    }

    @Test
    void readsAFileThroughTheMcpFilesystemServer() throws IOException {
        Path server = Path.of("../../.ci/mcp/node_modules/.bin/mcp-server-filesystem").toAbsolutePath().normalize();
        String missing = server + " is missing; run: bash .ci/setup.d/50-mcp.sh";
        if (!Files.isExecutable(server) && System.getenv("CI") != null) Assertions.fail(missing);
        Assumptions.assumeTrue(Files.isExecutable(server), missing);
        Path notes = Files.createDirectories(dir.resolve("notes"));
        Files.writeString(notes.resolve("tonight.txt"), "Tonight's guest lecture: Comets of the Outer System, 21:00.");
        String file = notes.toRealPath().resolve("tonight.txt").toString();
        Path model = scriptedModel(dir,
                "Thought: the notes say what is on tonight.\nAction: read_text_file\nAction Input: {\"path\": \"" + file + "\"}",
                "Thought: I know the answer.\nFinal Answer: A lecture on comets at 21:00.");

        int code = run("-i", "What is on tonight?", "--model-file", model.toString(), "--files", notes.toString(), "--files-server", server.toString());

        assertThat(code).as(err.toString()).isEqualTo(AgentCommand.ANSWERED);
        assertThat(out.toString()).contains("Action: read_text_file\nAction Input: {\"path\": \"" + file + "\"}\n"
                + "Observation: Tonight's guest lecture: Comets of the Outer System, 21:00.");
        assertThat(lines().getLast()).isEqualTo("Stop reason: FINAL_ANSWER");
    }

    @Test
    void httpGetReachesAnAllowedHostAndRefusesOthers() throws IOException {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/status", exchange -> {
            requests.incrementAndGet();
            byte[] body = "North Dome: open\nSky: clear, seeing 2/5".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String local = "http://localhost:" + server.getAddress().getPort() + "/status";
            Path model = scriptedModel(dir,
                    "Thought: check the public weather site\nAction: http_get\nAction Input: {\"url\": \"http://example.com/status\"}",
                    "Thought: use the observatory status service\nAction: http_get\nAction Input: {\"url\": \"" + local + "\"}",
                    "Final Answer: The North Dome is open and the sky is clear.");

            int code = run("-i", "Is the North Dome open tonight?", "--model-file", model.toString());

            assertThat(code).as(err.toString()).isEqualTo(AgentCommand.ANSWERED);
            assertThat(lines()).contains("Observation: Error: tool 'http_get' failed: URL refused: host 'example.com' is not in the allow-list [localhost]");
            assertThat(out.toString()).contains("Action Input: {\"url\": \"" + local + "\"}\nObservation: HTTP 200")
                    .contains("North Dome: open\nSky: clear, seeing 2/5\n");
            assertThat(requests).hasValue(1);
            assertThat(lines().getLast()).isEqualTo("Stop reason: FINAL_ANSWER");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void theDefaultLocalModelIsNamedClearlyWhenItsFileIsMissing() {
        Path missing = dir.resolve("no-such-model.gguf");

        int code = run("-i", "hi", "--gguf", missing.toString());

        assertThat(code).isEqualTo(AgentCommand.BAD_FILE);
        assertThat(err.toString()).contains("model.yaml").contains("local-gguf")
                .contains("model file " + missing + " does not exist");
    }

    @Test
    void theDefaultModelFileIsTheGreedyLocalGemma() {
        assertThat(ModelChoice.localModel(Path.of("/models/it's.gguf"))).contains("type: local-gguf")
                .contains("path: '/models/it''s.gguf'").contains("temperature: 0");
        assertThat(new ModelChoice().defaultGguf().getFileName()).hasToString(ModelChoice.GEMMA_FILE);
    }
}
