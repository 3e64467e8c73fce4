package dev.catena.agents.plan;

import dev.catena.agents.AgentLimits;
import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentStep;
import dev.catena.agents.RecordingHandler;
import dev.catena.agents.StopReason;
import dev.catena.agents.react.ReActAgent;
import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.builtin.CalculatorTool;
import dev.catena.core.callback.RunInfo;
import dev.catena.core.runnable.RunConfig;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlanAndExecuteAgentTest {

    private static final AgentTool LOOKUP = AgentTool.of("lookup", "Looks up a fact", q -> "68 million");

    @Test
    void plansExecutesStepsAndRevises() {
        ScriptedChatModel planner = ScriptedChatModel.of(
                "Here is the plan:\n1. Find the population of France\n2. Double it\n3. Write the answer",
                "1. Double 68 million",
                "Final Answer: Twice the population of France is 136 million.");
        ScriptedChatModel executorModel = ScriptedChatModel.of(
                "Action: lookup\nAction Input: population of France",
                "Final Answer: 68 million",
                "Action: calculator\nAction Input: 68 * 2",
                "Final Answer: 136 million");
        ReActAgent executor = ReActAgent.builder().model(executorModel).tool(LOOKUP).tool(new CalculatorTool()).build();
        PlanAndExecuteAgent agent = PlanAndExecuteAgent.builder().planner(planner).executor(executor).build();
        RecordingHandler trace = new RecordingHandler();

        AgentResult result = agent.invoke("What is twice the population of France?", RunConfig.builder().addCallback(trace).build());

        assertThat(result.output()).isEqualTo("Twice the population of France is 136 million.");
        assertThat(result.steps(AgentStep.Plan.class)).extracting(AgentStep.Plan::steps).containsExactly(
                List.of("Find the population of France", "Double it", "Write the answer"), List.of("Double 68 million"));
        assertThat(result.steps(AgentStep.StepDone.class)).containsExactly(
                new AgentStep.StepDone("Find the population of France", "68 million"),
                new AgentStep.StepDone("Double 68 million", "136 million"));

        String secondTask = ((UserMessage) executorModel.requests().get(2).messages().get(1)).singleText();
        assertThat(secondTask).isEqualTo("Question: Objective: What is twice the population of France?\n\n"
                + "Steps done so far and their results:\n1. Find the population of France -> 68 million\n\n"
                + "Your task now: Double 68 million");
        String replan = ((UserMessage) planner.requests().get(1).messages().get(1)).singleText();
        assertThat(replan).contains("1. Find the population of France -> 68 million");

        RunInfo root = trace.run("PlanAndExecuteAgent");
        assertThat(trace.started.stream().filter(r -> r.name().equals("ReActAgent")))
                .hasSize(2).allSatisfy(r -> assertThat(r.parentRunId()).isEqualTo(root.runId()));
        assertThat(trace.run("tool:calculator").parentRunId()).isNotEqualTo(root.runId());
    }

    @Test
    void stepLimitBoundsTheRun() {
        ScriptedChatModel planner = ScriptedChatModel.of("1. a\n2. b\n3. c", "1. b\n2. c", "1. c", "1. c");
        ScriptedChatModel executorModel = ScriptedChatModel.of("Final Answer: ok", "Final Answer: ok", "Final Answer: ok");
        PlanAndExecuteAgent agent = PlanAndExecuteAgent.builder().planner(planner)
                .executor(ReActAgent.builder().model(executorModel).build())
                .limits(AgentLimits.defaults().withMaxIterations(2)).build();

        AgentResult result = agent.invoke("do a, b and c");

        assertThat(result.stopReason()).isEqualTo(StopReason.MAX_ITERATIONS);
        assertThat(result.steps(AgentStep.StepDone.class)).hasSize(2);
    }

    @Test
    void parsesPlans() {
        assertThat(PlanParser.steps("Plan:\n1) one\n - 2. two\nStep 3: three\nnot a step")).containsExactly("one", "two", "three");
        assertThat(PlanParser.finalAnswer("**Final Answer:** 42")).contains("42");
        assertThat(PlanParser.finalAnswer("1. more work")).isEmpty();
    }
}
