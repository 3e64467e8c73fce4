package dev.catena.cli.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.cli.CommandTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code catena eval agent} over a scripted ReAct agent: one task solved with a tool call, one failed after a reply that did not parse. */
class AgentEvalCommandTest extends CommandTest {

    @TempDir
    Path dir;

    private Path agentFile() throws Exception {
        Path file = dir.resolve("agent.yaml");
        Files.writeString(file, """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - name: script
                    type: scripted
                    responses:
                      - "Thought: I should compute it.\\nAction: calculator\\nAction Input: {\\"expression\\": \\"6*7\\"}"
                      - "Thought: I know the answer.\\nFinal Answer: 42"
                      - "I am not sure what to do."
                      - "Thought: I know the answer.\\nFinal Answer: Paris"
                tools:
                  - name: calculator
                    type: calculator
                agents:
                  - name: solver
                    type: react
                    model: {ref: script}
                    tools: [{ref: calculator}]
                """);
        return file;
    }

    private Path dataset() throws Exception {
        Path file = dir.resolve("tasks.jsonl");
        Files.writeString(file, """
                # two tasks: a number and a city
                {"id": "calc", "input": "What is 6 times 7?", "expected": "42", "scorer": "numeric"}
                {"id": "city", "input": "Where is the Halvard Observatory?", "expected": "Lyon"}
                """);
        return file;
    }

    @Test
    void runsEveryModeAndSeedAndCountsSolvedTasksParseErrorsAndToolCalls() throws Exception {
        Path results = dir.resolve("out/results.json");
        int code = run("eval", "agent", agentFile().toString(), "--dataset", dataset().toString(), "--seeds", "2",
                "--out", results.toString());

        assertThat(code).as(console.err()).isZero();
        assertThat(console.out()).contains("constrained seed 1 calc: pass, 1 tool calls, 0 parse errors",
                "unconstrained seed 2 city: fail, 0 tool calls, 1 parse errors");
        assertThat(console.out()).containsPattern("constrained\\s+all\\s+2/4\\s+50.0%\\s+2\\s+2\\s+2");
        JsonNode json = new ObjectMapper().readTree(results.toFile());
        assertThat(json.get("agent").asText()).isEqualTo("solver");
        assertThat(json.get("runs")).hasSize(4);
        JsonNode first = json.get("runs").get(0);
        assertThat(first.get("constrained").asBoolean()).isTrue();
        assertThat(first.get("seed").asLong()).isEqualTo(1);
        assertThat(first.get("passed").asInt()).isEqualTo(1);
        assertThat(first.get("parseErrors").asInt()).isEqualTo(1);
        assertThat(first.get("toolCalls").asInt()).isEqualTo(1);
        JsonNode city = first.get("report").get("cases").get(1);
        assertThat(city.get("output").asText()).isEqualTo("Paris");
        assertThat(city.get("stopReason").asText()).isEqualTo("FINAL_ANSWER");
        assertThat(json.get("runs").get(3).get("constrained").asBoolean()).isFalse();
    }

    @Test
    void oneModeAndALimitRunOnlyThoseTasks() throws Exception {
        Path results = dir.resolve("one.json");
        int code = run("eval", "agent", agentFile().toString(), "--dataset", dataset().toString(), "--constraints", "off",
                "--limit", "1", "--out", results.toString());

        assertThat(code).as(console.err()).isZero();
        JsonNode runs = new ObjectMapper().readTree(results.toFile()).get("runs");
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).get("constrained").asBoolean()).isFalse();
        assertThat(runs.get(0).get("total").asInt()).isEqualTo(1);
    }

    @Test
    void anUnknownAgentOrAMissingDatasetIsOneLineNamingIt() throws Exception {
        int code = run("eval", "agent", agentFile().toString(), "--dataset", dataset().toString(), "--agent", "nobody");
        assertThat(code).isEqualTo(2);
        assertThat(console.err().strip()).contains("no agent named 'nobody'", "solver").doesNotContain("\n", "at dev.");

        code = run("eval", "agent", agentFile().toString(), "--dataset", dir.resolve("absent.jsonl").toString());
        assertThat(code).isEqualTo(2);
        assertThat(console.err()).contains("dataset not found", "absent.jsonl");
    }

    @Test
    void theParentCommandListsItsSubcommands() {
        assertThat(run("eval")).isZero();
        assertThat(console.out()).contains("agent");
    }
}
