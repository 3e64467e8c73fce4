package dev.catena.quarkus.runtime;

import dev.catena.core.memory.ConversationMemory;
import dev.catena.memory.store.ConversationStore;
import dev.catena.memory.store.FileConversationStore;
import dev.catena.memory.store.InMemoryConversationStore;
import dev.catena.memory.store.JdbcConversationStore;
import dev.catena.memory.store.LimitedConversationStore;
import dev.catena.memory.window.MessageWindowMemory;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The application's conversation memory, from {@code quarkus.catena.memory.*}: a message window over an
 * in-memory, file or JDBC store, one history per conversation id. An application bean of type
 * {@link ConversationMemory} replaces it.
 */
@Singleton
public class CatenaMemoryProducer {

    /** Where conversations are kept; also the store of typed services' {@code @MemoryId} memories. */
    @Produces
    @Singleton
    @DefaultBean
    ConversationStore store(CatenaConfig config) {
        CatenaConfig.MemoryConfig m = config.memory();
        ConversationStore store = switch (m.store()) {
            case MEMORY -> new InMemoryConversationStore();
            case FILE -> new FileConversationStore(Path.of(m.path().orElseThrow(() ->
                    new CatenaConfigException(List.of("quarkus.catena.memory.path: missing required property (quarkus.catena.memory.store=file)")))));
            case JDBC -> JdbcConversationStore.h2(Path.of(m.path().orElseThrow(() ->
                    new CatenaConfigException(List.of("quarkus.catena.memory.path: missing required property (quarkus.catena.memory.store=jdbc)")))));
        };
        if (m.ttl().isPresent()) store = new LimitedConversationStore(store, m.ttl().get(), 0, Clock.systemUTC());
        return store;
    }

    @Produces
    @Singleton
    @DefaultBean
    ConversationMemory memory(ConversationStore store, CatenaConfig config) {
        return new MessageWindowMemory(store, config.memory().maxMessages());
    }
}
