package dev.catena.samples.react;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.agents.tool.builtin.Calculator;
import dev.catena.core.eval.EvalCase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample's evaluation: its 20 tasks carry answers that the calculator and the handbook really give, and the
 * evaluation command runs the agent over them and scores its final answers (here with a scripted model; the run
 * on Gemma 3 270M is an on-demand measurement, see the README).
 */
class ReactAgentEvalTest {

    @TempDir
    Path dir;

    @Test
    void everyTaskHasTheAnswerTheCalculatorOrTheHandbookGives() throws Exception {
        List<EvalCase> tasks = ReactAgentEval.bundledTasks();
        assertThat(tasks).hasSize(20);
        assertThat(tasks.stream().filter(t -> t.field("kind", "").equals("calculator"))).hasSize(10);
        for (EvalCase t : tasks) {
            switch (t.field("kind", "")) {
                case "calculator" -> {
                    String computed = Calculator.format(Calculator.evaluate(t.field("expression", "")));
                    assertThat(ReactAgentEval.BY_CASE.score(t, computed).passed()).as("%s: %s = %s", t.id(), t.field("expression", ""), computed).isTrue();
                    assertThat(ReactAgentEval.BY_CASE.score(t, "The answer is " + (Double.parseDouble(t.expected()) * 2 + 1)).passed())
                            .as("%s: a wrong number fails", t.id()).isFalse();
                }
                case "handbook" -> {
                    assertThat(t.field("scorer", "")).isEqualTo("contains");
                    assertThat(page(t.field("source", ""))).as(t.id()).contains(t.expected());
                }
                default -> throw new AssertionError(t.id() + ": unknown kind " + t.field("kind", ""));
            }
        }
    }

    @Test
    void theEvaluationScoresTheAgentsFinalAnswers() throws Exception {
        Path model = ReactAgentSampleTest.scriptedModel(dir,
                "Thought: I should use the calculator.\nAction: calculator\nAction Input: {\"expression\": \"37 * 91\"}",
                "Thought: I know the answer.\nFinal Answer: 37 times 91 is 3367.",
                "Thought: I know the answer.\nFinal Answer: 17 times 23 is 400.",
                "I am not sure.", "Still not sure.", "No idea.");
        Path report = dir.resolve("report.json");
        StringWriter out = new StringWriter();
        CommandLine cli = new CommandLine(new ReactAgentEval());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(new StringWriter()));

        int code = cli.execute("--model-file", model.toString(), "--limit", "3", "--constraints", "on", "--steps", "--out", report.toString());

        assertThat(code).as(out.toString()).isZero();
        assertThat(out.toString()).contains("constrained seed 1 calc-01: pass, 1 tool calls, 0 parse errors",
                "constrained seed 1 calc-02: fail", "constrained seed 1 calc-03: fail, 0 tool calls, 3 parse errors",
                "    Action: calculator | Action Input: {\"expression\": \"37 * 91\"}\n    Observation: 3367\n");
        JsonNode run = new ObjectMapper().readTree(report.toFile()).get("runs").get(0);
        assertThat(run.get("total").asInt()).isEqualTo(3);
        assertThat(run.get("passed").asInt()).isEqualTo(1);
        JsonNode cases = run.get("report").get("cases");
        assertThat(cases.get(0).get("output").asText()).isEqualTo("37 times 91 is 3367.");
        assertThat(cases.get(0).get("outputTokens").asLong()).as("token counts of the model calls").isPositive();
        assertThat(cases.get(0).get("steps").get(1).asText()).isEqualTo("Action: calculator | Action Input: {\"expression\": \"37 * 91\"}");
        assertThat(cases.get(2).get("output").asText()).as("stopped by a bound: no answer").startsWith("[MAX_");
    }

    private static String page(String name) throws Exception {
        try (InputStream in = ReactAgentEvalTest.class.getClassLoader().getResourceAsStream("react-agent/docs/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
