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
import java.util.Optional;

/**
 * The application's conversation memory, from {@code quarkus.catena.memory.*}: a message window over an
 * in-memory, file or JDBC store (the application's datasource, or an H2 file), one history per conversation id. An application bean of type
 * {@link ConversationMemory} replaces it.
 */
@Singleton
public class CatenaMemoryProducer {

    /** The store on the application's datasource this producer created, if it did: the readiness check probes it. */
    private volatile DataSourceConversationStore dataSourceStore;

    /** The conversation store on the application's datasource, when the default store is one (with or without a TTL). */
    Optional<DataSourceConversationStore> dataSourceStore() {
        return Optional.ofNullable(dataSourceStore);
    }

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
            case JDBC -> jdbc(m);
        };
        if (store instanceof DataSourceConversationStore db) dataSourceStore = db;
        if (m.ttl().isPresent()) store = new LimitedConversationStore(store, m.ttl().get(), 0, Clock.systemUTC());
        return store;
    }

    /** An H2 file when {@code path} is set, else the application's datasource (default or named). */
    private static ConversationStore jdbc(CatenaConfig.MemoryConfig m) {
        if (m.path().isPresent()) {
            if (m.datasource().isPresent()) {
                throw new CatenaConfigException(List.of("quarkus.catena.memory.path: set together with quarkus.catena.memory.datasource;"
                        + " give one (path: an embedded H2 file, datasource: the application's datasource)"));
            }
            return JdbcConversationStore.h2(Path.of(m.path().get()));
        }
        if (!DataSourceConversationStores.available()) {
            throw new CatenaConfigException(List.of("quarkus.catena.memory.store: jdbc uses the application's datasource:"
                    + " add io.quarkus:quarkus-agroal and a JDBC driver extension (e.g. quarkus-jdbc-postgresql),"
                    + " or set quarkus.catena.memory.path to an H2 file"));
        }
        return DataSourceConversationStores.open(m.datasource(), m.table());
    }

    @Produces
    @Singleton
    @DefaultBean
    ConversationMemory memory(ConversationStore store, CatenaConfig config) {
        return new MessageWindowMemory(store, config.memory().maxMessages());
    }
}
