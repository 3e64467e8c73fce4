package dev.catena.llm.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.tree.Node;

import java.time.Clock;
import java.time.ZonedDateTime;

/**
 * The state of the render running on this thread: the step and time budget (checked before every node
 * Jinjava renders), the clock {@code strftime_now} reads, and the first reason the render was stopped.
 * Jinjava turns many exceptions into collected errors and carries on, so the reason is kept here and
 * every later node stops again at once; {@link SandboxedJinja} throws it when the render returns.
 */
final class RenderState {

    private static final ThreadLocal<RenderState> CURRENT = new ThreadLocal<>();

    private final TemplateLimits limits;
    private final Clock clock;
    private final long deadline;
    private long steps;
    private String stopReason;
    private TemplateError lastSeenError;

    private RenderState(TemplateLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        this.deadline = System.nanoTime() + limits.timeout().toNanos();
    }

    static RenderState begin(TemplateLimits limits, Clock clock) {
        RenderState s = new RenderState(limits, clock);
        CURRENT.set(s);
        return s;
    }

    void end() {
        CURRENT.remove();
    }

    static RenderState current() {
        RenderState s = CURRENT.get();
        if (s == null) {
            throw new IllegalStateException("no chat template render in progress on this thread");
        }
        return s;
    }

    /** The node pre-processor: counts a step and stops the render when a budget is spent. */
    static void beforeNode(Node node, JinjavaInterpreter interpreter) {
        RenderState s = CURRENT.get();
        if (s != null) {
            s.checkErrors(interpreter);
            s.step(node == null ? -1 : node.getLineNumber());
        }
    }

    /** Jinjava records most failures and renders on; the first failing one stops the render here instead. */
    private void checkErrors(JinjavaInterpreter interpreter) {
        TemplateError last = interpreter.getLastError().orElse(null);
        if (last != null && last != lastSeenError) {
            lastSeenError = last;
            if (SandboxedJinja.failing(last)) {
                stop("cannot render: " + SandboxedJinja.describe(last));
            }
        }
    }

    void step(int line) {
        if (stopReason != null) {
            throw new Stop(stopReason);
        }
        if (++steps > limits.maxSteps()) {
            stop("more than " + limits.maxSteps() + " template steps (loop or recursion too long)" + at(line));
        }
        if ((steps & 63) == 0 && System.nanoTime() > deadline) {
            stop("render took longer than " + limits.timeout().toMillis() + " ms" + at(line));
        }
    }

    private static String at(int line) {
        return line > 0 ? " at line " + line : "";
    }

    /** Records the reason (first one wins) and unwinds. */
    void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        throw new Stop(stopReason);
    }

    String stopReason() {
        return stopReason;
    }

    ZonedDateTime now() {
        return ZonedDateTime.now(clock);
    }

    /** Unwinds a stopped render; never escapes {@link SandboxedJinja}. */
    static final class Stop extends RuntimeException {
        Stop(String reason) {
            super(reason, null, false, false);
        }
    }
}
