package dev.catena.agents;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;
import dev.catena.core.runnable.PushStream;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;

import java.util.concurrent.atomic.AtomicReference;

/**
 * An agent: a step that takes a question and returns an {@link AgentResult}, using a model and tools
 * within {@link AgentLimits}. Its intermediate steps are run events (so every callback handler sees
 * them) and can be read live with {@link #streamSteps}.
 */
public interface Agent extends Runnable<String, AgentResult> {

    /**
     * Runs the agent on a virtual thread and streams its steps as they happen, ending with the
     * {@link AgentStep.FinalAnswer} (absent when a bound stopped the run). Closing the stream early
     * cancels the run. Steps of nested agents (a plan-and-execute executor) are included.
     */
    default RunStream<AgentStep> streamSteps(String input, RunConfig config) {
        AtomicReference<Thread> worker = new AtomicReference<>();
        PushStream<AgentStep> out = new PushStream<>(() -> {
            Thread t = worker.get();
            if (t != null) t.interrupt();
        });
        CallbackHandler forward = new CallbackHandler() {
            @Override
            public void onEvent(RunInfo run, String name, Object payload) {
                if (payload instanceof AgentStep step) out.emit(step);
            }
        };
        RunConfig withForward = config.toBuilder().addCallback(forward).build();
        worker.set(Thread.ofVirtual().name("catena-agent-" + name()).unstarted(() -> {
            try {
                invoke(input, withForward);
                out.complete();
            } catch (Throwable t) {
                out.fail(t);
            }
        }));
        worker.get().start();
        return out;
    }

    /** {@link #streamSteps(String, RunConfig)} with the default config. */
    default RunStream<AgentStep> streamSteps(String input) {
        return streamSteps(input, RunConfig.defaults());
    }
}
