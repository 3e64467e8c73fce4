package dev.catena.agents;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records run starts and agent events, for trace-tree and event assertions. */
public final class RecordingHandler implements CallbackHandler {

    public final List<RunInfo> started = new CopyOnWriteArrayList<>();
    public final List<String> eventNames = new CopyOnWriteArrayList<>();
    public final List<Object> eventPayloads = new CopyOnWriteArrayList<>();

    @Override
    public void onStart(RunInfo run, Object input) {
        started.add(run);
    }

    @Override
    public void onEvent(RunInfo run, String name, Object payload) {
        eventNames.add(name);
        eventPayloads.add(payload);
    }

    public RunInfo run(String name) {
        return started.stream().filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no run named " + name + " in " + started.stream().map(RunInfo::name).toList()));
    }

    public List<RunInfo> runsStartingWith(String prefix) {
        return started.stream().filter(r -> r.name().startsWith(prefix)).toList();
    }
}
