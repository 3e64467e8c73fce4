package dev.catena.samples.react;

import dev.catena.agents.AgentLimits;
import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentStep;
import dev.catena.agents.StopReason;
import dev.catena.agents.react.ReActAgent;
import dev.catena.agents.tool.builtin.CalculatorTool;
import dev.catena.llm.chat.LocalChatModel;
import dev.catena.llm.chat.ModelRegistry;
import dev.catena.llm.model.Model;
import dev.catena.llm.sampling.SamplingParams;
import dev.catena.llm.template.ChatTemplates;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The ReAct agent with the calculator on the real local Gemma 3 270M (a base model, prompted through the
 * transcript format), once per seed. What must hold on every run: no exception, a stop reason, the bounds
 * respected, and a final answer only after text the parser accepted. How often the model solves the task
 * is measured, not asserted: the count is written to {@code target/react-gemma-eval.txt}.
 *
 * <p>One seed runs in the normal build; {@code -Dreact.gemma.runs=20} runs the evaluation recorded in
 * the sample's README. Skipped when the model file is absent (run {@code .ci/setup.d/10-gemma.sh}); with
 * {@code CI} set, a missing file fails instead.
 */
class GemmaReActEvalTest {

    static final String QUESTION = "What is 37 multiplied by 91?";
    static final String EXPECTED = "3367";

    /** A worked example: a 270M base model continues a pattern far better than it follows a described format. */
    static final String INSTRUCTIONS = """
            You answer questions. For arithmetic you use a tool:

            {tools}

            Question: What is 12 multiplied by 34?
            Thought: I should use the calculator.
            Action: calculator
            Action Input: {"expression": "12 * 34"}
            Observation: 408
            Thought: I know the answer.
            Final Answer: 408

            Question: What is 250 divided by 5?
            Thought: I should use the calculator.
            Action: calculator
            Action Input: {"expression": "250 / 5"}
            Observation: 50
            Thought: I know the answer.
            Final Answer: 50
            """;

    @Test
    void reactAgentWithTheCalculatorOnGemma() throws IOException {
        Path file = new ReactAgentSample().defaultGguf();
        if (!Files.isRegularFile(file)) {
            if (System.getenv("CI") != null) fail(file + " is missing; run .ci/setup.d/10-gemma.sh");
            assumeTrue(false, file + " is absent (run .ci/setup.d/10-gemma.sh); skipping");
        }
        int runs = Integer.getInteger("react.gemma.runs", 1);
        AgentLimits limits = AgentLimits.defaults().withMaxIterations(4).withMaxToolCalls(3)
                .withMaxWallTime(Duration.ofSeconds(240));
        List<String> lines = new ArrayList<>();
        int solved = 0;
        int usedCalculator = 0;
        try (ModelRegistry registry = new ModelRegistry(2)) {
            Model model = registry.get(file);
            for (int seed = 1; seed <= runs; seed++) {
                LocalChatModel chat = LocalChatModel.builder().model(model)
                        .template(ChatTemplates.builtin("transcript", model.tokenizer()))
                        .sampling(SamplingParams.builder().temperature(0.7).topK(40).topP(0.95).seed(seed).build())
                        .maxTokens(96).build();
                ReActAgent agent = ReActAgent.builder().model(chat).tool(new CalculatorTool()).limits(limits)
                        .instructions(INSTRUCTIONS).build();

                AgentResult result = agent.invoke(QUESTION);

                assertThat(result.stopReason()).isNotNull();
                assertThat(result.steps(AgentStep.Action.class).size()).isLessThanOrEqualTo(limits.maxToolCalls() + 1);
                boolean calc = !result.steps(AgentStep.Action.class).isEmpty();
                boolean ok = result.stopReason() == StopReason.FINAL_ANSWER && result.output().contains(EXPECTED);
                if (ok) solved++;
                if (calc) usedCalculator++;
                lines.add("seed " + seed + ": " + result.stopReason() + (calc ? ", used the calculator" : "")
                        + (ok ? ", correct" : "") + " | " + result.output().replace('\n', ' '));
            }
        }
        lines.add(0, "ReAct + calculator on Gemma 3 270M Q4_K_M (transcript format, worked examples, T=0.7): " + solved + "/" + runs
                + " correct final answers, " + usedCalculator + "/" + runs + " runs called the calculator; question: " + QUESTION);
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target/react-gemma-eval.txt"), lines);
        lines.forEach(System.out::println);
    }
}
