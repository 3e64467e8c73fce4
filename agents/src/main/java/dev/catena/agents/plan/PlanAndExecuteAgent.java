package dev.catena.agents.plan;

import dev.catena.agents.Agent;
import dev.catena.agents.AgentBuilder;
import dev.catena.agents.AgentLimits;
import dev.catena.agents.AgentResult;
import dev.catena.agents.AgentRun;
import dev.catena.agents.AgentStep;
import dev.catena.agents.StopReason;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A plan-and-execute agent: a planner model writes numbered steps, an executor agent (ReAct or
 * tool-calling, with its own tools and limits) carries out one step at a time, and after each step
 * the planner revises the rest of the plan or gives the final answer.
 *
 * <p>{@link AgentLimits#maxIterations()} bounds the number of executed steps and
 * {@link AgentLimits#maxWallTime()} the whole run. Plans and finished steps are reported as
 * {@link AgentStep.Plan} and {@link AgentStep.StepDone}; the executor's own steps are nested runs.
 */
public final class PlanAndExecuteAgent implements Agent {

    /** Instructions for the first plan. */
    public static final String PLANNER_INSTRUCTIONS = """
            Make a short plan to answer the user's question. Write the steps as a numbered list, one step \
            per line ("1. ..."), at most 6 steps. The last step produces the answer. Write nothing else.""";

    /** Instructions for revising the plan after a step. */
    public static final String REPLANNER_INSTRUCTIONS = """
            You revise a plan while it is carried out. If the results so far answer the objective, reply \
            "Final Answer: " followed by the answer. Otherwise write only the steps still to do, as a numbered \
            list ("1. ..."), and nothing else.""";

    private final ChatModel planner;
    private final Agent executor;
    private final AgentLimits limits;
    private final String name;

    private PlanAndExecuteAgent(Builder b, AgentLimits limits, String name) {
        this.planner = Objects.requireNonNull(b.planner, "PlanAndExecuteAgent needs a planner model");
        this.executor = Objects.requireNonNull(b.executor, "PlanAndExecuteAgent needs an executor agent");
        this.limits = limits;
        this.name = name;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public AgentResult doInvoke(String objective, RunContext context) {
        Objects.requireNonNull(objective, "objective");
        AgentRun run = AgentRun.start(context, limits);
        return run.guard(() -> loop(objective, run));
    }

    @Override
    public String name() {
        return name;
    }

    private AgentResult loop(String objective, AgentRun run) {
        String first = plan(run, PLANNER_INSTRUCTIONS, objective);
        List<String> plan = PlanParser.steps(first);
        if (plan.isEmpty()) plan = List.of(objective);
        run.record(new AgentStep.Plan(plan));
        List<AgentStep.StepDone> done = new ArrayList<>();
        while (true) {
            StopReason bound = run.nextIteration();
            if (bound != null) return run.stop(bound);
            String step = plan.getFirst();
            AgentResult result = executor.invoke(executorInput(objective, done, step), run.context().child());
            AgentStep.StepDone stepDone = new AgentStep.StepDone(step, result.output());
            done.add(stepDone);
            run.record(stepDone);

            String revision = plan(run, REPLANNER_INSTRUCTIONS, progress(objective, plan, done));
            Optional<String> answer = PlanParser.finalAnswer(revision);
            if (answer.isPresent()) return run.answer(answer.get());
            List<String> rest = PlanParser.steps(revision);
            if (rest.isEmpty()) {
                rest = plan.subList(1, plan.size());
                if (rest.isEmpty()) return run.answer(revision.isBlank() ? result.output() : revision);
            } else {
                run.record(new AgentStep.Plan(rest));
            }
            plan = List.copyOf(rest);
        }
    }

    private String plan(AgentRun run, String instructions, String input) {
        ChatRequest request = ChatRequest.builder()
                .messages(SystemMessage.from(instructions), UserMessage.from(input))
                .build();
        AiMessage reply = run.callModel(planner, request);
        return reply.text() == null ? "" : reply.text();
    }

    private static String executorInput(String objective, List<AgentStep.StepDone> done, String step) {
        StringBuilder b = new StringBuilder("Objective: ").append(objective).append('\n');
        if (!done.isEmpty()) {
            b.append("\nSteps done so far and their results:\n");
            for (int i = 0; i < done.size(); i++) {
                b.append(i + 1).append(". ").append(done.get(i).step()).append(" -> ").append(done.get(i).result()).append('\n');
            }
        }
        return b.append("\nYour task now: ").append(step).toString();
    }

    private static String progress(String objective, List<String> plan, List<AgentStep.StepDone> done) {
        StringBuilder b = new StringBuilder("Objective: ").append(objective).append("\n\nCurrent plan:\n");
        for (int i = 0; i < plan.size(); i++) b.append(i + 1).append(". ").append(plan.get(i)).append('\n');
        b.append("\nSteps done and their results:\n");
        for (int i = 0; i < done.size(); i++) {
            b.append(i + 1).append(". ").append(done.get(i).step()).append(" -> ").append(done.get(i).result()).append('\n');
        }
        return b.toString();
    }

    /** Builder of a {@link PlanAndExecuteAgent}; {@code limits}: maxIterations bounds executed steps, maxWallTime the whole run. */
    public static final class Builder extends AgentBuilder<Builder> {
        private ChatModel planner;
        private Agent executor;

        private Builder() {
            super("PlanAndExecuteAgent");
        }

        /** The model that writes and revises the plan. */
        public Builder planner(ChatModel planner) { this.planner = planner; return this; }
        /** The agent that carries out each step (with its own tools and limits). */
        public Builder executor(Agent executor) { this.executor = executor; return this; }

        @Override
        public PlanAndExecuteAgent build() { return new PlanAndExecuteAgent(this, limits(), name()); }
    }
}
