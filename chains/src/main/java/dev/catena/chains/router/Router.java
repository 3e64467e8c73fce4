package dev.catena.chains.router;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Chooses a destination for an input among named destinations; empty means the default. */
@FunctionalInterface
public interface Router {

    /** The chosen destination name (one of {@code destinations}), or empty for the default. */
    Optional<String> route(Map<String, Object> input, Set<String> destinations);
}
