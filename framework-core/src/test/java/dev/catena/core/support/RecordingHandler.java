package dev.catena.core.support;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every callback as an {@link Event}, for assertions. */
public final class RecordingHandler implements CallbackHandler {

    /** One callback: kind (start, end, error, token, retry, event), the run, and its payload. */
    public record Event(String kind, RunInfo run, Object payload) {}

    public final List<Event> events = new CopyOnWriteArrayList<>();

    @Override public void onStart(RunInfo run, Object input) { events.add(new Event("start", run, input)); }
    @Override public void onEnd(RunInfo run, Object output) { events.add(new Event("end", run, output)); }
    @Override public void onError(RunInfo run, Throwable error) { events.add(new Event("error", run, error)); }
    @Override public void onToken(RunInfo run, String token) { events.add(new Event("token", run, token)); }
    @Override public void onRetry(RunInfo run, int attempt, Throwable error) { events.add(new Event("retry", run, attempt)); }
    @Override public void onEvent(RunInfo run, String name, Object payload) { events.add(new Event("event:" + name, run, payload)); }

    public List<Event> ofKind(String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    public RunInfo started(String name) {
        return ofKind("start").stream().map(Event::run).filter(r -> r.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no run named " + name + " in " + ofKind("start").stream().map(e -> e.run().name()).toList()));
    }
}
