package dev.catena.agents;

import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.ToolArgumentException;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.Runnable;
import dev.catena.core.runnable.StreamCancelledException;
import dev.langchain4j.agent.tool.ToolSpecification;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the tool calls an agent's model asks for, and turns every way a call can go wrong into an
 * {@link AgentStep.Observation} for the model instead of an exception for the user: unknown tool,
 * denied by the {@link ApprovalHook}, bad arguments, the tool throwing, the tool timing out. Each
 * call is a nested run named {@code tool:<name>} in the trace tree. Tool results longer than
 * {@link #MAX_RESULT_CHARS} are cut.
 */
public final class ToolRunner {

    /** Longest tool result passed to the model. */
    public static final int MAX_RESULT_CHARS = 20_000;

    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    private final Map<String, AgentTool> tools = new LinkedHashMap<>();
    private final ApprovalHook approval;

    /** A runner over {@code tools} (names must be unique) that asks {@code approval} before each call. */
    public ToolRunner(List<? extends AgentTool> tools, ApprovalHook approval) {
        for (AgentTool t : tools) {
            if (this.tools.putIfAbsent(t.name(), t) != null) throw new IllegalArgumentException("two tools are named '" + t.name() + "'");
        }
        this.approval = Objects.requireNonNull(approval, "approval");
    }

    /** The tools, in the order given. */
    public List<AgentTool> tools() {
        return List.copyOf(tools.values());
    }

    /** The tools' specifications, in the order given. */
    public List<ToolSpecification> specifications() {
        return tools.values().stream().map(AgentTool::specification).toList();
    }

    /** The tool names, comma separated. */
    public String names() {
        return String.join(", ", tools.keySet());
    }

    /**
     * The tool called {@code name}; tolerant of case, quotes, backticks, brackets and a trailing
     * "()" as small models write them. Never a tool that was not given to this runner.
     */
    public Optional<AgentTool> find(String name) {
        if (name == null) return Optional.empty();
        AgentTool exact = tools.get(name);
        if (exact != null) return Optional.of(exact);
        String wanted = normalize(name);
        return tools.values().stream().filter(t -> normalize(t.name()).equals(wanted)).findFirst();
    }

    /** Runs one call; never throws for a problem the model caused. */
    public AgentStep.Observation run(AgentStep.Action action, Duration timeout, RunContext run) {
        Optional<AgentTool> found = find(action.tool());
        if (found.isEmpty()) {
            return error(action, "Unknown tool '" + action.tool() + "'. Available tools: " + names()
                    + ". Use one of them, or give your final answer.");
        }
        AgentTool tool = found.get();
        Approval decision = approval.review(new AgentStep.Action(action.callId(), tool.name(), action.arguments()));
        if (decision == null || !decision.approved()) {
            String reason = decision == null ? "no decision" : decision.reason();
            return new AgentStep.Observation(action.callId(), tool.name(),
                    "The call to '" + tool.name() + "' was denied by the user: " + reason
                            + ". Do not retry it; answer without it or ask for something else.", true);
        }
        Runnable<String, String> step = (args, ctx) -> tool.execute(args, ctx);
        Runnable<String, String> named = step.named("tool:" + tool.name());
        Future<String> future = EXECUTOR.submit(() -> named.invoke(action.arguments(), run.child()));
        try {
            String result = future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            return new AgentStep.Observation(action.callId(), tool.name(), cut(result == null ? "null" : result), false);
        } catch (TimeoutException e) {
            future.cancel(true);
            return new AgentStep.Observation(action.callId(), tool.name(),
                    "Error: tool '" + tool.name() + "' timed out after " + timeout.toMillis() + " ms.", true);
        } catch (ExecutionException e) {
            return new AgentStep.Observation(action.callId(), tool.name(), describe(tool, e.getCause()), true);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StreamCancelledException("agent run cancelled while tool '" + tool.name() + "' was running", e);
        }
    }

    /** Runs several calls at once (parallel tool calls); observations come back in call order. */
    public List<AgentStep.Observation> runAll(List<AgentStep.Action> actions, Duration timeout, RunContext run) {
        if (actions.size() == 1) return List.of(run(actions.getFirst(), timeout, run));
        List<Future<AgentStep.Observation>> futures = new ArrayList<>();
        for (AgentStep.Action a : actions) futures.add(EXECUTOR.submit(() -> run(a, timeout, run)));
        List<AgentStep.Observation> out = new ArrayList<>();
        try {
            for (Future<AgentStep.Observation> f : futures) out.add(f.get());
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new StreamCancelledException("agent run cancelled during tool calls", e);
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    private static AgentStep.Observation error(AgentStep.Action action, String text) {
        return new AgentStep.Observation(action.callId(), action.tool(), "Error: " + text, true);
    }

    private static String describe(AgentTool tool, Throwable error) {
        if (error instanceof ToolArgumentException) {
            return "Error: invalid arguments: " + error.getMessage() + ". Check the tool's arguments and try again.";
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        return "Error: tool '" + tool.name() + "' failed: " + message;
    }

    private static String cut(String text) {
        if (text.length() <= MAX_RESULT_CHARS) return text;
        return text.substring(0, MAX_RESULT_CHARS) + "\n[... cut: the result had " + text.length() + " characters]";
    }

    private static String normalize(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        if (n.endsWith("()")) n = n.substring(0, n.length() - 2);
        return n.replaceAll("^[\\s`'\"\\[(*]+|[\\s`'\"\\])*.:]+$", "").replace(' ', '_').replace('-', '_');
    }
}
