package dev.catena.quarkus.runtime.devui;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;
import dev.catena.core.model.ModelEvents;
import dev.catena.quarkus.runtime.CatenaConfig;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The last root runs of the application's chains and agents, kept in memory as run trees for the
 * Dev UI: a ring of {@code quarkus.catena.dev-ui.traces} roots, the oldest dropped first. Registered in
 * dev and test mode only; attached to YAML chains and agents like every {@link CallbackHandler} bean.
 */
@Singleton
public class RunTraces implements CallbackHandler {

    /** Children kept per run, so that a long agent loop cannot hold unbounded memory. */
    static final int MAX_CHILDREN = 200;
    /** Characters kept of an input or output. */
    static final int MAX_TEXT = 500;

    private final int capacity;
    /** Runs in progress, by id: where a starting run finds its parent. */
    private final Map<UUID, Run> open = new ConcurrentHashMap<>();
    /** Root runs, newest last; guarded by itself. */
    private final Deque<Run> roots = new ArrayDeque<>();

    @Inject
    public RunTraces(CatenaConfig config) {
        this(config.devUi().traces());
    }

    RunTraces(int capacity) {
        this.capacity = Math.max(1, capacity);
    }

    @Override
    public void onStart(RunInfo info, Object input) {
        Run run = new Run(info, text(input));
        open.put(info.runId(), run);
        if (info.parentRunId() == null) {
            synchronized (roots) {
                roots.addLast(run);
                while (roots.size() > capacity) roots.removeFirst();
            }
        } else {
            Run parent = open.get(info.parentRunId());
            if (parent != null) parent.add(run);
        }
    }

    @Override
    public void onEnd(RunInfo info, Object output) {
        Run run = open.remove(info.runId());
        if (run != null) run.end("success", text(output));
    }

    @Override
    public void onError(RunInfo info, Throwable error) {
        Run run = open.remove(info.runId());
        if (run != null) run.end("error", text(error.getClass().getSimpleName() + ": " + error.getMessage()));
    }

    @Override
    public void onEvent(RunInfo info, String name, Object payload) {
        Run run = open.get(info.runId());
        if (run == null) return;
        if (payload instanceof ModelEvents.Request) run.type = "llm";
        else if (payload != null && payload.getClass().getName().startsWith("dev.catena.agents.AgentStep")) run.type = "agent";
    }

    /** The kept root runs as trees, newest first. */
    public List<RunNode> traces() {
        List<Run> copy;
        synchronized (roots) {
            copy = new ArrayList<>(roots);
        }
        List<RunNode> out = new ArrayList<>(copy.size());
        for (int i = copy.size() - 1; i >= 0; i--) out.add(copy.get(i).node());
        return out;
    }

    /** Forgets every kept run. */
    public void clear() {
        synchronized (roots) {
            roots.clear();
        }
    }

    private static String text(Object value) {
        String s = String.valueOf(value);
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT) + "... (" + s.length() + " chars)";
    }

    /** A run being recorded; its fields change until it ends. */
    private static final class Run {
        private final RunInfo info;
        private final String input;
        private final List<Run> children = new ArrayList<>();
        private volatile String type;
        private volatile String status = "running";
        private volatile String output = "";
        private volatile Instant endedAt;
        private int dropped;

        Run(RunInfo info, String input) {
            this.info = info;
            this.input = input;
            this.type = guessType(info.name());
        }

        synchronized void add(Run child) {
            if (children.size() < MAX_CHILDREN) children.add(child);
            else dropped++;
        }

        void end(String status, String output) {
            this.output = output;
            this.endedAt = Instant.now();
            this.status = status;
        }

        synchronized RunNode node() {
            List<RunNode> kids = new ArrayList<>(children.size());
            for (Run c : children) kids.add(c.node());
            Instant end = endedAt;
            long millis = end == null ? -1 : Duration.between(info.startedAt(), end).toMillis();
            String out = dropped == 0 ? output : output + " (" + dropped + " more child runs not kept)";
            return new RunNode(info.runId().toString(), info.name(), type, info.startedAt().toString(), millis, status, input, out, kids);
        }

        /** The type a step's name tells; a model call or an agent step it reports refines it. */
        private static String guessType(String name) {
            String n = name.toLowerCase(Locale.ROOT);
            if (n.contains("prompt")) return "prompt";
            if (n.endsWith("parser")) return "parser";
            if (n.contains("retriever")) return "retriever";
            if (n.contains("tool")) return "tool";
            return "chain";
        }
    }
}
