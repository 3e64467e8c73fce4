package dev.catena.memory.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.ComponentContext;
import dev.catena.memory.store.ConversationStore;
import dev.catena.memory.store.FileConversationStore;
import dev.catena.memory.store.InMemoryConversationStore;
import dev.catena.memory.store.JdbcConversationStore;
import dev.catena.memory.store.LimitedConversationStore;

import java.time.Clock;
import java.time.Duration;

/**
 * Where a declared memory keeps its turns, written {@code store: {kind: file, path: data/conversations}}.
 *
 * @param kind        memory (default), file (JSON lines) or jdbc (embedded H2 file)
 * @param path        directory (file) or database file (jdbc), relative to the YAML file
 * @param ttlSeconds  idle seconds after which a conversation expires (optional)
 * @param maxMessages most messages kept per conversation (optional)
 */
public record StoreSpec(
        @JsonPropertyDescription("memory (default), file or jdbc") Kind kind,
        @JsonPropertyDescription("Directory (file) or database file (jdbc), relative to this YAML file") String path,
        @JsonPropertyDescription("Idle seconds after which a conversation expires") Long ttlSeconds,
        @JsonPropertyDescription("Most messages kept per conversation") Integer maxMessages) {

    /** The kinds of conversation store a file may declare. */
    public enum Kind {
        @JsonProperty("memory") MEMORY,
        @JsonProperty("file") FILE,
        @JsonProperty("jdbc") JDBC
    }

    public StoreSpec {
        if (kind == null) kind = Kind.MEMORY;
        if (kind != Kind.MEMORY && (path == null || path.isBlank())) {
            throw new IllegalArgumentException("store kind '" + kind.name().toLowerCase() + "' needs a 'path'");
        }
        if (ttlSeconds != null && ttlSeconds <= 0) throw new IllegalArgumentException("ttlSeconds must be positive, was " + ttlSeconds);
        if (maxMessages != null && maxMessages <= 0) throw new IllegalArgumentException("maxMessages must be positive, was " + maxMessages);
    }

    /** Opens the store; a null spec means an in-memory store. */
    static ConversationStore open(StoreSpec spec, ComponentContext context) {
        if (spec == null) return new InMemoryConversationStore();
        ConversationStore store = switch (spec.kind()) {
            case MEMORY -> new InMemoryConversationStore();
            case FILE -> new FileConversationStore(context.path(spec.path()));
            case JDBC -> JdbcConversationStore.h2(context.path(spec.path()));
        };
        if (spec.ttlSeconds() == null && spec.maxMessages() == null) return store;
        return new LimitedConversationStore(store, spec.ttlSeconds() == null ? null : Duration.ofSeconds(spec.ttlSeconds()),
                spec.maxMessages() == null ? 0 : spec.maxMessages(), Clock.systemUTC());
    }
}
