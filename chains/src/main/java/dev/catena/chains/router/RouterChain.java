package dev.catena.chains.router;

import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends each input to one of several named destination chains, chosen by a {@link Router} (an LLM
 * or embeddings), or to the default chain when the router picks none. The choice is reported as
 * the run event {@code route}. Streams the chosen destination's output.
 */
public final class RouterChain implements Runnable<Map<String, Object>, Object> {

    private final Router router;
    private final Map<String, Runnable<Map<String, Object>, ?>> destinations;
    private final Runnable<Map<String, Object>, ?> fallback;

    private RouterChain(Router router, Map<String, ? extends Runnable<Map<String, Object>, ?>> destinations,
                        Runnable<Map<String, Object>, ?> fallback) {
        this.router = Objects.requireNonNull(router, "router");
        this.destinations = new LinkedHashMap<>(destinations);
        this.fallback = Objects.requireNonNull(fallback, "default destination");
        if (destinations.isEmpty()) throw new IllegalArgumentException("a router chain needs at least one destination");
    }

    /** A router over {@code destinations} with a default. */
    public static RouterChain of(Router router, Map<String, ? extends Runnable<Map<String, Object>, ?>> destinations,
                                 Runnable<Map<String, Object>, ?> fallback) {
        return new RouterChain(router, destinations, fallback);
    }

    @Override
    public String name() {
        return "RouterChain";
    }

    @Override
    public Object doInvoke(Map<String, Object> input, RunContext run) {
        return choose(input, run).invoke(input, run.child());
    }

    @Override
    @SuppressWarnings("unchecked")
    public RunStream<Object> doStream(Map<String, Object> input, RunContext run) {
        return (RunStream<Object>) choose(input, run).stream(input, run.child());
    }

    private Runnable<Map<String, Object>, ?> choose(Map<String, Object> input, RunContext run) {
        Optional<String> choice = router.route(input, destinations.keySet());
        String name = choice.filter(destinations::containsKey).orElse("default");
        run.event("route", name);
        return choice.map(destinations::get).orElse(fallback);
    }
}
