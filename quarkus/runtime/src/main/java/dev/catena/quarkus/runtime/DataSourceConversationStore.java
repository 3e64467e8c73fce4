package dev.catena.quarkus.runtime;

import dev.catena.memory.store.ConversationStore;
import dev.catena.memory.store.JdbcConversationStore;
import dev.langchain4j.data.message.ChatMessage;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A {@link JdbcConversationStore} on the application's datasource, opened (its table created) on first
 * use rather than at start: a database that is down when the application starts makes the readiness
 * check report DOWN ({@link #ready()}) and each call fail, and both recover once it answers.
 */
final class DataSourceConversationStore implements ConversationStore {

    private final Supplier<? extends DataSource> dataSource;
    private final String table;
    private final String description;
    private volatile JdbcConversationStore store;

    DataSourceConversationStore(Supplier<? extends DataSource> dataSource, String table, String description) {
        this.dataSource = dataSource;
        this.table = table;
        this.description = description;
    }

    /** Opens the store if it is not open yet; throws what the database answered when it cannot. */
    void ready() {
        store();
    }

    /** Which datasource and table, for messages. */
    String description() {
        return description;
    }

    private JdbcConversationStore store() {
        JdbcConversationStore s = store;
        if (s != null) return s;
        synchronized (this) {
            if (store == null) store = new JdbcConversationStore(dataSource.get(), table);
            return store;
        }
    }

    @Override public List<ChatMessage> load(String conversationId) { return store().load(conversationId); }

    @Override public void append(String conversationId, List<? extends ChatMessage> messages) { store().append(conversationId, messages); }

    @Override public void replace(String conversationId, List<? extends ChatMessage> messages) { store().replace(conversationId, messages); }

    @Override public void delete(String conversationId) { store().delete(conversationId); }

    @Override public Set<String> conversationIds() { return store().conversationIds(); }

    @Override public Instant lastModified(String conversationId) { return store().lastModified(conversationId); }
}
