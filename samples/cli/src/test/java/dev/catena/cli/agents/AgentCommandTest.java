package dev.catena.cli.agents;

import dev.catena.cli.CommandTest;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.AiMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AgentCommandTest extends CommandTest {

    @TempDir
    Path dir;

    AgentCommandTest() {
        super(() -> new CommandLine(new AgentCommand()));
    }

    private int run(AgentCommand command, String... args) {
        return run(new CommandLine(command), args);
    }

    private Path file(String name, String yaml) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    /** A bundle with a scripted model replying {@code replies} in order, the calculator and a ReAct agent. */
    private Path agentFile(String agentExtra, String... replies) throws IOException {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - name: script
                    type: scripted
                    responses:
                """);
        for (String r : replies) yaml.append("      - \"").append(r.replace("\"", "\\\"").replace("\n", "\\n")).append("\"\n");
        yaml.append("""
                tools:
                  - name: calc
                    type: calculator
                agents:
                  - name: helper
                    type: react
                    model: {ref: script}
                    tools: [{ref: calc}]
                """).append(agentExtra);
        return file("agent.yaml", yaml.toString());
    }

    private List<String> lines() {
        return console.out().lines().toList();
    }

    @Test
    void printsEveryStepInOrderThenTheAnswerAndStopReason() throws IOException {
        Path f = agentFile("",
                "Thought: I should compute it.\nAction: calculator\nAction Input: {\"expression\": \"6 * 7\"}",
                "Thought: I now know the final answer\nFinal Answer: 42");

        int code = run(f.toString(), "--input", "What is six times seven?");

        assertThat(code).isEqualTo(AgentCommand.ANSWERED);
        assertThat(lines()).containsExactly(
                "Question: What is six times seven?",
                "Thought: I should compute it.",
                "Action: calculator",
                "Action Input: {\"expression\": \"6 * 7\"}",
                "Observation: 42",
                "Thought: I now know the final answer",
                "Final Answer: 42",
                "Stop reason: FINAL_ANSWER");
        assertThat(console.err()).isEmpty();
    }

    @Test
    void stepsArePrintedWhileTheAgentIsStillRunning() throws IOException {
        List<String> seenAtSecondCall = new ArrayList<>();
        ScriptedChatModel model = ScriptedChatModel.builder()
                .reply("Thought: compute\nAction: calculator\nAction Input: {\"expression\": \"2 + 3\"}")
                .replyWith(request -> {
                    seenAtSecondCall.addAll(console.out().lines().toList());
                    return AiMessage.from("Final Answer: 5");
                })
                .build();
        Path f = file("bean.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                tools:
                  - {name: calc, type: calculator}
                agents:
                  - name: helper
                    type: react
                    model: {bean: model}
                    tools: [{ref: calc}]
                """);

        int code = run(new AgentCommand().bean("model", model), f.toString(), "2+3?");

        assertThat(code).isZero();
        assertThat(seenAtSecondCall).containsExactly("Question: 2+3?", "Thought: compute", "Action: calculator",
                "Action Input: {\"expression\": \"2 + 3\"}", "Observation: 5");
        assertThat(lines()).endsWith("Final Answer: 5", "Stop reason: FINAL_ANSWER");
    }

    @Test
    void maxIterationsOptionOverridesTheFileAndEndsTheRunWithoutAnAnswer() throws IOException {
        String act = "Thought: again\nAction: calculator\nAction Input: {\"expression\": \"1 + 1\"}";
        Path f = agentFile("    maxIterations: 10\n", act, act, act, act, "Final Answer: 2");

        int code = run(f.toString(), "--input", "loop", "--max-iterations", "2");

        assertThat(code).isEqualTo(AgentCommand.STOPPED);
        assertThat(lines()).filteredOn(l -> l.startsWith("Action: ")).hasSize(2);
        assertThat(lines()).noneMatch(l -> l.startsWith("Final Answer"));
        assertThat(lines()).endsWith("Agent stopped without an answer: it reached the limit of 2 iterations.",
                "Stop reason: MAX_ITERATIONS");
    }

    @Test
    void theFilesOwnBoundAppliesWithoutTheOption() throws IOException {
        String act = "Action: calculator\nAction Input: {\"expression\": \"1 + 1\"}";
        Path f = agentFile("    maxIterations: 3\n", act, act, act, act, act);

        int code = run(f.toString(), "-i", "loop");

        assertThat(code).isEqualTo(AgentCommand.STOPPED);
        assertThat(lines()).filteredOn(l -> l.equals("Observation: 2")).hasSize(3);
        assertThat(lines().getLast()).isEqualTo("Stop reason: MAX_ITERATIONS");
    }

    @Test
    void maxWallTimeOptionEndsASlowRun() throws IOException {
        ScriptedChatModel slow = ScriptedChatModel.builder().replyWith(request -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AiMessage.from("Final Answer: too late");
        }).build();
        Path f = file("slow.yaml", """
                apiVersion: catena/v1
                kind: Agent
                name: slow
                type: react
                model: {bean: model}
                maxWallTimeMillis: 600000
                """);

        int code = run(new AgentCommand().bean("model", slow), f.toString(), "-i", "q", "--max-wall-time", "1");

        assertThat(code).isEqualTo(AgentCommand.STOPPED);
        assertThat(lines()).endsWith("Agent stopped without an answer: it reached the time limit of PT1S.", "Stop reason: MAX_WALL_TIME");
    }

    @Test
    void anInventedToolIsAnObservationNotACrash() throws IOException {
        Path f = agentFile("",
                "Thought: search the web\nAction: web_search\nAction Input: {\"query\": \"weather\"}",
                "Thought: no such tool; I answer directly\nFinal Answer: I cannot search the web.");

        int code = run(f.toString(), "--input", "Weather?");

        assertThat(code).isEqualTo(AgentCommand.ANSWERED);
        assertThat(lines()).containsExactly(
                "Question: Weather?",
                "Thought: search the web",
                "Action: web_search",
                "Action Input: {\"query\": \"weather\"}",
                "Observation: Error: Unknown tool 'web_search'. Available tools: calculator. Use one of them, or give your final answer.",
                "Thought: no such tool; I answer directly",
                "Final Answer: I cannot search the web.",
                "Stop reason: FINAL_ANSWER");
    }

    @Test
    void anInvalidFileIsReportedWithLineAndColumn() throws IOException {
        Path f = file("bad.yaml", """
                apiVersion: catena/v1
                kind: Agent
                name: helper
                type: react
                model: {ref: missing}
                maxIterations: lots
                """);

        int code = run(f.toString(), "--input", "hi");

        assertThat(code).isEqualTo(AgentCommand.BAD_FILE);
        assertThat(console.out()).isEmpty();
        assertThat(console.err()).contains("bad.yaml:6:").contains("maxIterations");
    }

    @Test
    void environmentVariablesNeedAllowEnv() throws IOException {
        Path f = file("env.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: m, type: scripted, responses: ["Final Answer: ${env:PATH}"]}
                agents:
                  - {name: a, type: react, model: {ref: m}}
                """);

        assertThat(run(f.toString(), "--input", "path?")).isEqualTo(AgentCommand.BAD_FILE);
        assertThat(console.err()).contains("env.yaml:4:").contains("'PATH' is not on the allow-list");

        assertThat(run(f.toString(), "--input", "path?", "--allow-env", "PATH")).isEqualTo(AgentCommand.ANSWERED);
        assertThat(lines()).contains("Final Answer: " + System.getenv("PATH"));
    }

    @Test
    void aFailingModelGivesANonZeroExitAndTheReason() throws IOException {
        Path f = agentFile("", "Action: calculator\nAction Input: {\"expression\": \"1 / 4\"}");

        int code = run(f.toString(), "--input", "quarter?");

        assertThat(code).isEqualTo(AgentCommand.FAILED);
        assertThat(lines()).contains("Observation: 0.25");
        assertThat(console.err()).contains("the run of 'helper' failed").contains("ran out of responses");
    }

    @Test
    void severalAgentsNeedAChoiceAndAnUnknownChoiceIsNamed() throws IOException {
        Path f = file("two.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: m, type: scripted, responses: ["Final Answer: from b"]}
                agents:
                  - {name: a, type: react, model: {ref: m}}
                  - {name: b, type: react, model: {ref: m}}
                """);

        assertThat(run(f.toString(), "--input", "q")).isEqualTo(AgentCommand.BAD_FILE);
        assertThat(console.err()).contains("several agents (a, b)").contains("--agent NAME");

        assertThat(run(f.toString(), "--input", "q", "--agent", "c")).isEqualTo(AgentCommand.BAD_FILE);
        assertThat(console.err()).contains("no agent named 'c'");

        assertThat(run(f.toString(), "--input", "q", "--agent", "b")).isEqualTo(AgentCommand.ANSWERED);
        assertThat(lines()).contains("Final Answer: from b");
    }

    @Test
    void aPlanAndExecuteFileRunsItsPlannerAgentAndPrintsPlanAndSteps() throws IOException {
        Path f = file("plan.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: planner, type: scripted, responses: ["1. Multiply 6 by 7\\n2. Add 1", "1. Add 1", "Final Answer: 43"]}
                  - name: worker
                    type: scripted
                    responses:
                      - "Action: calculator\\nAction Input: {\\"expression\\": \\"6 * 7\\"}"
                      - "Final Answer: 42"
                      - "Final Answer: 43"
                tools:
                  - {name: calc, type: calculator}
                agents:
                  - {name: executor, type: react, model: {ref: worker}, tools: [{ref: calc}]}
                  - {name: planned, type: plan-and-execute, planner: {ref: planner}, executor: {ref: executor}}
                """);

        int code = run(f.toString(), "--input", "6*7+1?");

        assertThat(code).as(console.err()).isEqualTo(AgentCommand.ANSWERED);
        assertThat(lines()).containsExactly("Question: 6*7+1?", "Plan:", "  1. Multiply 6 by 7", "  2. Add 1",
                "    Action: calculator", "    Action Input: {\"expression\": \"6 * 7\"}", "    Observation: 42",
                "    Final Answer: 42", "Step done: Multiply 6 by 7 -> 42", "Plan:", "  1. Add 1",
                "    Final Answer: 43", "Step done: Add 1 -> 43", "Final Answer: 43", "Stop reason: FINAL_ANSWER");
    }

    @Test
    void maxIterationsBoundsThePlanAndExecuteSteps() throws IOException {
        Path f = file("plan.yaml", """
                apiVersion: catena/v1
                kind: Bundle
                models:
                  - {name: planner, type: scripted, responses: ["1. First\\n2. Second\\n3. Third", "1. Second\\n2. Third"]}
                  - {name: worker, type: scripted, responses: ["Final Answer: one", "Final Answer: two"]}
                agents:
                  - {name: executor, type: react, model: {ref: worker}}
                  - {name: planned, type: plan-and-execute, planner: {ref: planner}, executor: {ref: executor}, maxSteps: 5}
                """);

        int code = run(f.toString(), "--input", "go", "--max-iterations", "1");

        assertThat(code).as(console.err()).isEqualTo(AgentCommand.STOPPED);
        assertThat(lines()).filteredOn(l -> l.startsWith("Step done:")).containsExactly("Step done: First -> one");
        assertThat(lines().getLast()).isEqualTo("Stop reason: MAX_ITERATIONS");
    }

    @Test
    void badCommandLinesAreUsageErrors() throws IOException {
        Path f = agentFile("", "Final Answer: x");

        assertThat(run(f.toString())).isEqualTo(AgentCommand.USAGE);
        assertThat(console.err()).contains("missing question");
        assertThat(run(f.toString(), "--input", "q", "--max-iterations", "0")).isEqualTo(AgentCommand.USAGE);
        assertThat(console.err()).contains("--max-iterations must be at least 1");
        assertThat(run(f.toString(), "--input", "q", "--max-wall-time", "0")).isEqualTo(AgentCommand.USAGE);
        assertThat(console.err()).contains("--max-wall-time must be between 1 and");
        assertThat(run(f.toString(), "q", "--input", "q")).isEqualTo(AgentCommand.USAGE);
        assertThat(run(dir.resolve("nope.yaml").toString(), "-i", "q")).isEqualTo(AgentCommand.BAD_FILE);
        assertThat(console.err()).contains("file not found");
    }
}
