package dev.catena.core.callback;

import dev.catena.core.runnable.RunConfig;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Identity of one run as callbacks see it.
 *
 * @param runId       this run's id
 * @param parentRunId the enclosing run's id, or null for a root run
 * @param name        the step's name
 * @param tags        tags from the config
 * @param metadata    metadata from the config
 * @param startedAt   when the run started
 */
public record RunInfo(UUID runId, UUID parentRunId, String name, Set<String> tags,
                      Map<String, Object> metadata, Instant startedAt) {

    /** A new run named {@code name} under the config's parent run. */
    public static RunInfo start(String name, RunConfig config) {
        return new RunInfo(UUID.randomUUID(), config.parentRunId(), name, config.tags(), config.metadata(), Instant.now());
    }
}
