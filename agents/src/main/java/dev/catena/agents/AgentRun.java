package dev.catena.agents;

import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.StreamCancelledException;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The state of one agent run, shared by all agent kinds: the steps so far (each also reported as a
 * run event), the counters behind {@link AgentLimits}, the deadline, and model calls that respect it.
 * Agent implementations create one per invocation with {@link #start}; not thread-safe except
 * {@link #record}.
 */
public final class AgentRun {

    private static final ExecutorService EXECUTOR = Executors.newVirtualThreadPerTaskExecutor();

    private final RunContext context;
    private final AgentLimits limits;
    private final long deadline;
    private final List<AgentStep> steps = new ArrayList<>();
    private int iterations;
    private int toolCalls;
    private int parseErrors;

    private AgentRun(RunContext context, AgentLimits limits) {
        this.context = Objects.requireNonNull(context, "context");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.deadline = System.nanoTime() + limits.maxWallTime().toNanos();
    }

    /** Starts the bookkeeping for one run; the wall-time clock starts now. */
    public static AgentRun start(RunContext context, AgentLimits limits) {
        return new AgentRun(context, limits);
    }

    /** Runs an agent loop, ending it with {@link StopReason#MAX_WALL_TIME} when a model call outlives the deadline. */
    public AgentResult guard(Supplier<AgentResult> loop) {
        try {
            return loop.get();
        } catch (DeadlineReached e) {
            return stop(StopReason.MAX_WALL_TIME);
        }
    }

    public RunContext context() { return context; }

    public AgentLimits limits() { return limits; }

    /** Adds a step and reports it as a run event named {@link AgentStep#eventName()}. */
    public void record(AgentStep step) {
        synchronized (steps) {
            steps.add(step);
        }
        context.event(step.eventName(), step);
    }

    /** The steps so far. */
    public List<AgentStep> steps() {
        synchronized (steps) {
            return List.copyOf(steps);
        }
    }

    /**
     * Counts one more model turn. Returns the bound that forbids it (iterations or wall time), or
     * null when the turn may start. Throws {@link StreamCancelledException} when the run was cancelled.
     */
    public StopReason nextIteration() {
        checkCancelled();
        if (remaining().isZero()) return StopReason.MAX_WALL_TIME;
        if (iterations >= limits.maxIterations()) return StopReason.MAX_ITERATIONS;
        iterations++;
        return null;
    }

    /** Reserves {@code n} tool calls; false when that would pass {@link AgentLimits#maxToolCalls()}. */
    public boolean reserveToolCalls(int n) {
        if (toolCalls + n > limits.maxToolCalls()) return false;
        toolCalls += n;
        return true;
    }

    /** Counts one unparseable model output; true when that is more than {@link AgentLimits#maxParseErrors()}. */
    public boolean parseErrorLimitReached() {
        return ++parseErrors > limits.maxParseErrors();
    }

    public int iterations() { return iterations; }

    public int toolCalls() { return toolCalls; }

    /** Time left before the wall-time bound (zero when past it). */
    public Duration remaining() {
        long left = deadline - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** The timeout for the next tool call: the per-call bound or the time left, whichever is shorter. */
    public Duration toolTimeout() {
        Duration left = remaining();
        Duration t = left.compareTo(limits.toolTimeout()) < 0 ? left : limits.toolTimeout();
        return t.isZero() ? Duration.ofMillis(1) : t;
    }

    /**
     * Calls the model as a nested run of this agent run, waiting no longer than the time left.
     * A model error is rethrown: it is not the model's answer and the user should see it.
     */
    public AiMessage callModel(ChatModel model, ChatRequest request) {
        ChatModelRunnable step = ChatModelRunnable.of(model);
        Future<AiMessage> future = EXECUTOR.submit(() -> step.invoke(request, context.child()));
        try {
            long left = Math.max(1, deadline - System.nanoTime());
            return future.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new DeadlineReached();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StreamCancelledException("agent run cancelled while the model was answering", e);
        }
    }

    /** Ends the run with the model's answer (recorded as a {@link AgentStep.FinalAnswer}). */
    public AgentResult answer(String text) {
        String answer = text == null ? "" : text.strip();
        record(new AgentStep.FinalAnswer(answer));
        return new AgentResult(answer, steps(), StopReason.FINAL_ANSWER);
    }

    /** Ends the run on a bound; the output says which. */
    public AgentResult stop(StopReason reason) {
        String what = switch (reason) {
            case MAX_ITERATIONS -> "it reached the limit of " + limits.maxIterations() + " iterations";
            case MAX_WALL_TIME -> "it reached the time limit of " + limits.maxWallTime();
            case MAX_TOOL_CALLS -> "it reached the limit of " + limits.maxToolCalls() + " tool calls";
            case MAX_PARSE_ERRORS -> "the model's output could not be parsed " + parseErrors + " times";
            case FINAL_ANSWER -> throw new IllegalArgumentException("use answer() for a final answer");
        };
        return new AgentResult("Agent stopped without an answer: " + what + ".", steps(), reason);
    }

    private static void checkCancelled() {
        if (Thread.currentThread().isInterrupted()) throw new StreamCancelledException("agent run cancelled", null);
    }

    /** Thrown inside {@link #guard} when the deadline passes during a model call. */
    private static final class DeadlineReached extends RuntimeException {
        DeadlineReached() {
            super(null, null, false, false);
        }
    }
}
