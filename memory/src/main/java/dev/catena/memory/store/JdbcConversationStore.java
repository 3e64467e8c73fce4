package dev.catena.memory.store;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps conversations in a relational database, one row per message, in portable SQL: any
 * {@link DataSource} (PostgreSQL, an application's connection pool), or an embedded H2 file through
 * {@link #h2}, which needs {@code com.h2database:h2} on the class path (an optional dependency).
 * Each append is one transaction, committed before it returns, so every acknowledged turn survives a crash.
 */
public final class JdbcConversationStore implements ConversationStore {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

    private final DataSource dataSource;
    private final String table;
    private final java.util.concurrent.ConcurrentHashMap<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();

    /** A store over {@code dataSource} in table {@code table}, created if absent. */
    public JdbcConversationStore(DataSource dataSource, String table) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("Invalid table name '" + table + "': use letters, digits and _");
        }
        this.dataSource = dataSource;
        this.table = table;
        createTable();
    }

    /**
     * An embedded H2 database in file {@code path} (e.g. {@code ./data/conversations}).
     *
     * @throws ConversationStoreException when H2 is not on the class path
     */
    public static JdbcConversationStore h2(java.nio.file.Path path) {
        return new JdbcConversationStore(H2.dataSource(path), "catena_messages");
    }

    private void createTable() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "conversation_id VARCHAR(512) NOT NULL, "
                    + "seq BIGINT NOT NULL, "
                    + "message TEXT NOT NULL, "
                    + "created_at TIMESTAMP NOT NULL, "
                    + "PRIMARY KEY (conversation_id, seq))");
        } catch (SQLException e) {
            throw new ConversationStoreException("Cannot create table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<ChatMessage> load(String conversationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT message FROM " + table + " WHERE conversation_id = ? ORDER BY seq")) {
            ps.setString(1, conversationId);
            List<ChatMessage> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(ChatMessageDeserializer.messageFromJson(rs.getString(1)));
            }
            return out;
        } catch (SQLException e) {
            throw new ConversationStoreException("Cannot load conversation '" + conversationId + "' from table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void append(String conversationId, List<? extends ChatMessage> messages) {
        if (messages.isEmpty()) return;
        inTransaction(conversationId, c -> {
            long next;
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(MAX(seq), -1) + 1 FROM " + table + " WHERE conversation_id = ?")) {
                ps.setString(1, conversationId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    next = rs.getLong(1);
                }
            }
            insert(c, conversationId, next, messages);
        });
    }

    @Override
    public void replace(String conversationId, List<? extends ChatMessage> messages) {
        inTransaction(conversationId, c -> {
            deleteRows(c, conversationId);
            insert(c, conversationId, 0, messages);
        });
    }

    @Override
    public void delete(String conversationId) {
        inTransaction(conversationId, c -> deleteRows(c, conversationId));
    }

    @Override
    public Set<String> conversationIds() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT DISTINCT conversation_id FROM " + table)) {
            Set<String> ids = new HashSet<>();
            while (rs.next()) ids.add(rs.getString(1));
            return ids;
        } catch (SQLException e) {
            throw new ConversationStoreException("Cannot list conversations in table " + table + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Instant lastModified(String conversationId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MAX(created_at) FROM " + table + " WHERE conversation_id = ?")) {
            ps.setString(1, conversationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Timestamp t = rs.getTimestamp(1);
                return t == null ? null : t.toInstant();
            }
        } catch (SQLException e) {
            throw new ConversationStoreException("Cannot read conversation '" + conversationId + "': " + e.getMessage(), e);
        }
    }

    private void insert(Connection c, String conversationId, long firstSeq, List<? extends ChatMessage> messages) throws SQLException {
        Timestamp now = Timestamp.from(Instant.now());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (conversation_id, seq, message, created_at) VALUES (?, ?, ?, ?)")) {
            long seq = firstSeq;
            for (ChatMessage m : messages) {
                ps.setString(1, conversationId);
                ps.setLong(2, seq++);
                ps.setString(3, ChatMessageSerializer.messageToJson(m));
                ps.setTimestamp(4, now);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private void deleteRows(Connection c, String conversationId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE conversation_id = ?")) {
            ps.setString(1, conversationId);
            ps.executeUpdate();
        }
    }

    private interface SqlWork {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(String conversationId, SqlWork work) {
        synchronized (locks.computeIfAbsent(conversationId, k -> new Object())) {
            inTransactionUnlocked(conversationId, work);
        }
    }

    private void inTransactionUnlocked(String conversationId, SqlWork work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new ConversationStoreException("Cannot write conversation '" + conversationId + "' to table " + table + ": " + e.getMessage(), e);
        }
    }
}
