package dev.catena.core.runnable;

import dev.catena.core.callback.CallbackHandler;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Per-call settings of a run: tags, metadata, callbacks, the concurrency limit for batches and the
 * parent run id that links nested runs into one trace tree. Immutable; build with {@link #builder()}.
 *
 * @param runName        name for the next run (overrides {@link Runnable#name()}), or null
 * @param tags           tags inherited by every nested run
 * @param metadata       metadata inherited by every nested run
 * @param callbacks      handlers notified of every nested run
 * @param maxConcurrency the most inputs {@link Runnable#batch} runs at once
 * @param parentRunId    the run that started this call, or null for a root run
 */
public record RunConfig(String runName, Set<String> tags, Map<String, Object> metadata,
                        List<CallbackHandler> callbacks, int maxConcurrency, UUID parentRunId) {

    /** The default batch concurrency. */
    public static final int DEFAULT_MAX_CONCURRENCY = 16;

    private static final RunConfig DEFAULTS = builder().build();

    public RunConfig {
        tags = Set.copyOf(tags);
        metadata = Map.copyOf(metadata);
        callbacks = List.copyOf(callbacks);
        if (maxConcurrency < 1) {
            throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        }
    }

    /** An empty config: no tags, metadata or callbacks; batch concurrency 16. */
    public static RunConfig defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().runName(runName).tags(tags).metadata(metadata).callbacks(callbacks)
                .maxConcurrency(maxConcurrency).parentRunId(parentRunId);
    }

    /**
     * Merges {@code bound} (config bound with {@link Runnable#withConfig}) under this call's config:
     * tags, metadata and callbacks are combined, the call's own values win on conflicts.
     */
    public RunConfig mergedWith(RunConfig bound) {
        Builder b = bound.toBuilder().parentRunId(parentRunId);
        if (runName != null) b.runName(runName);
        b.addTags(tags);
        metadata.forEach(b::putMetadata);
        callbacks.forEach(b::addCallback);
        if (maxConcurrency != DEFAULT_MAX_CONCURRENCY) b.maxConcurrency(maxConcurrency);
        return b.build();
    }

    /** The config for runs nested under {@code runId}: same settings, no run name. */
    public RunConfig childOf(UUID runId) {
        return new RunConfig(null, tags, metadata, callbacks, maxConcurrency, runId);
    }

    /** Builder of {@link RunConfig}. */
    public static final class Builder {
        private String runName;
        private final Set<String> tags = new LinkedHashSet<>();
        private final Map<String, Object> metadata = new LinkedHashMap<>();
        private final List<CallbackHandler> callbacks = new ArrayList<>();
        private int maxConcurrency = DEFAULT_MAX_CONCURRENCY;
        private UUID parentRunId;

        public Builder runName(String runName) { this.runName = runName; return this; }
        public Builder tags(Set<String> tags) { this.tags.clear(); this.tags.addAll(tags); return this; }
        public Builder addTags(Set<String> tags) { this.tags.addAll(tags); return this; }
        public Builder tag(String tag) { tags.add(Objects.requireNonNull(tag, "tag")); return this; }
        public Builder metadata(Map<String, Object> metadata) { this.metadata.clear(); this.metadata.putAll(metadata); return this; }
        public Builder putMetadata(String key, Object value) { metadata.put(key, value); return this; }
        public Builder callbacks(List<CallbackHandler> callbacks) { this.callbacks.clear(); this.callbacks.addAll(callbacks); return this; }
        public Builder addCallback(CallbackHandler handler) {
            if (!callbacks.contains(handler)) callbacks.add(Objects.requireNonNull(handler, "handler"));
            return this;
        }
        public Builder maxConcurrency(int maxConcurrency) { this.maxConcurrency = maxConcurrency; return this; }
        public Builder parentRunId(UUID parentRunId) { this.parentRunId = parentRunId; return this; }
        public RunConfig build() {
            return new RunConfig(runName, tags, metadata, callbacks, maxConcurrency, parentRunId);
        }
    }
}
