package dev.catena.retrievers.pgvector;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.pgvector.PGvector;
import dev.catena.retrievers.store.AbstractEmbeddingStore;
import dev.catena.retrievers.store.MetadataCodec;
import dev.catena.retrievers.store.StoreException;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.filter.Filter;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A LangChain4j {@link dev.langchain4j.store.embedding.EmbeddingStore} in one PostgreSQL table with
 * the pgvector extension, over the PostgreSQL JDBC driver.
 *
 * <p>Table (created if absent, with {@code CREATE EXTENSION IF NOT EXISTS vector}): {@code id text}
 * primary key, {@code embedding vector(n)} with an HNSW index on cosine distance, {@code text}
 * (null for an entry without segment), {@code metadata jsonb} with a GIN index (filtered through
 * {@link PgVectorFilters}, pushed down as a {@code WHERE}) and {@code types jsonb} (the metadata's
 * Java types, {@link MetadataCodec}). Writes are upserts ({@code ON CONFLICT (id) DO UPDATE}), one
 * transaction per call. Scores are {@code (1 + cosine) / 2}.
 *
 * <p>Search without a filter walks the HNSW index with {@code hnsw.ef_search} raised to
 * {@code maxResults} (at least 40, pgvector's default); with a filter, or more than 1,000 results,
 * it is an exact scan, because pgvector's HNSW scan filters only the {@code ef_search} candidates
 * it found and could return fewer matches than exist. Every failure is a {@link StoreException}
 * naming the table and the URL without its parameters; the password is never part of a message.
 * Built from a URL, the store keeps its own connection pool (HikariCP, up to {@link Builder#maxPoolSize}
 * connections, opened on demand, checked before reuse, closed with the store); built from a
 * {@link DataSource}, it borrows a connection per call and leaves the data source to its owner.
 */
public final class PgVectorEmbeddingStore extends AbstractEmbeddingStore implements AutoCloseable {

    private static final Pattern TABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,49}");
    private static final int DEFAULT_EF_SEARCH = 40;
    private static final int MAX_EF_SEARCH = 1000;
    private static final int BATCH = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    /** The pool this store opened from a URL and closes, or null for a data source it was given. */
    private final HikariDataSource pool;
    private final String url;
    private final String table;
    private final String quoted;
    private final int dimension;

    private PgVectorEmbeddingStore(Builder b) {
        this.url = b.url == null ? "a DataSource" : b.url.replaceFirst("\\?.*$", "");
        this.table = b.table;
        this.quoted = '"' + b.table + '"';
        this.dimension = b.dimension;
        this.pool = b.dataSource != null ? null : pool(b);
        this.dataSource = b.dataSource != null ? b.dataSource : pool;
        try {
            if (b.createTable) {
                createTable(b.m, b.efConstruction);
            }
            checkTable();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Starts a builder; a URL (or a DataSource), the table and the dimension are required. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A pool over the driver's data source: connections opened when needed (none kept open ahead), a
     * wait for one bounded by the connect timeout, and no connection attempt at construction (the
     * table set-up that follows reports an unreachable server as a {@link StoreException}).
     */
    private static HikariDataSource pool(Builder b) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(driverDataSource(b));
        config.setPoolName("catena-pgvector-" + b.table);
        config.setMaximumPoolSize(b.maxPoolSize);
        config.setMinimumIdle(0);
        long timeout = Math.max(250, b.connectTimeout.toMillis());
        config.setConnectionTimeout(timeout);
        config.setValidationTimeout(Math.min(timeout, 5_000));
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static DataSource driverDataSource(Builder b) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(b.url);
        if (b.user != null) {
            ds.setUser(b.user);
        }
        if (b.password != null) {
            ds.setPassword(b.password);
        }
        int seconds = (int) Math.max(1, b.connectTimeout.toSeconds());
        ds.setConnectTimeout(seconds);
        ds.setLoginTimeout(seconds);
        ds.setSocketTimeout((int) Math.max(1, b.queryTimeout.toSeconds()));
        ds.setApplicationName("catena-pgvector");
        return ds;
    }

    private void createTable(int m, int efConstruction) {
        transaction("create the table", c -> {
            try (Statement s = c.createStatement()) {
                // Serializes concurrent creators: CREATE ... IF NOT EXISTS alone can still race.
                s.execute("SELECT pg_advisory_xact_lock(hashtext('catena-pgvector:' || current_schema() || '." + table + "'))");
                s.execute("CREATE EXTENSION IF NOT EXISTS vector");
                s.execute("CREATE TABLE IF NOT EXISTS " + quoted + " (id text PRIMARY KEY, embedding vector(" + dimension
                        + ") NOT NULL, text text, metadata jsonb NOT NULL DEFAULT '{}', types jsonb NOT NULL DEFAULT '{}')");
                s.execute("CREATE INDEX IF NOT EXISTS \"" + table + "_hnsw\" ON " + quoted
                        + " USING hnsw (embedding vector_cosine_ops) WITH (m = " + m + ", ef_construction = " + efConstruction + ")");
                s.execute("CREATE INDEX IF NOT EXISTS \"" + table + "_metadata\" ON " + quoted + " USING gin (metadata jsonb_path_ops)");
            }
            return null;
        });
    }

    /** Fails unless the table exists with an embedding column of this store's dimension. */
    private void checkTable() {
        Integer stored = transaction("check the table", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT a.atttypmod FROM pg_attribute a WHERE a.attrelid = to_regclass(?)"
                    + " AND a.attname = 'embedding' AND NOT a.attisdropped")) {
                s.setString(1, quoted);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : null;
                }
            }
        });
        if (stored == null) {
            throw new StoreException(where() + ": the table does not exist or has no embedding column (createTable is off)");
        }
        if (stored != dimension) {
            throw new StoreException(where() + ": the table holds vectors of dimension " + stored + ", not " + dimension);
        }
    }

    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        checkSizes(where(), ids, embeddings, segments);
        for (Embedding e : embeddings) {
            checkDimension(e.vector(), "embedding");
        }
        if (ids.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + quoted + " (id, embedding, text, metadata, types) VALUES (?, ?, ?, ?::jsonb, ?::jsonb)"
                + " ON CONFLICT (id) DO UPDATE SET embedding = EXCLUDED.embedding, text = EXCLUDED.text,"
                + " metadata = EXCLUDED.metadata, types = EXCLUDED.types";
        transaction("upsert " + ids.size() + " entries", c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < ids.size(); i++) {
                    TextSegment segment = segments == null ? null : segments.get(i);
                    Metadata metadata = segment == null ? new Metadata() : segment.metadata();
                    s.setString(1, Objects.requireNonNull(ids.get(i), "id"));
                    s.setObject(2, new PGvector(embeddings.get(i).vector()));
                    s.setString(3, segment == null ? null : segment.text());
                    s.setString(4, json(MetadataCodec.plainValues(metadata)));
                    s.setString(5, json(MetadataCodec.types(metadata)));
                    s.addBatch();
                    if ((i + 1) % BATCH == 0) {
                        s.executeBatch();
                    }
                }
                s.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException(where() + ": removeAll needs at least one id");
        }
        transaction("delete " + ids.size() + " ids", c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + quoted + " WHERE id = ANY (?)")) {
                s.setArray(1, c.createArrayOf("text", ids.toArray()));
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void removeAll(Filter filter) {
        Objects.requireNonNull(filter, "filter");
        PgVectorFilters.Sql where = PgVectorFilters.toSql(filter, "metadata");
        transaction("delete where " + filter, c -> {
            try (PreparedStatement s = c.prepareStatement("DELETE FROM " + quoted + " WHERE " + where.condition())) {
                bind(s, 1, where.parameters());
                return s.executeUpdate();
            }
        });
    }

    @Override
    public void removeAll() {
        transaction("delete all entries", c -> {
            try (Statement s = c.createStatement()) {
                return s.executeUpdate("DELETE FROM " + quoted);
            }
        });
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        float[] vector = request.queryEmbedding().vector();
        checkDimension(vector, "query embedding");
        PgVectorFilters.Sql filter = PgVectorFilters.toSql(request.filter(), "metadata");
        int limit = request.maxResults();
        boolean exact = filter != null || limit > MAX_EF_SEARCH;
        String sql = "SELECT id, embedding, text, metadata::text, types::text, embedding <=> ? AS distance FROM " + quoted
                + (filter == null ? "" : " WHERE " + filter.condition()) + " ORDER BY embedding <=> ? LIMIT ?";
        List<EmbeddingMatch<TextSegment>> matches = transaction("search", c -> {
            try (Statement s = c.createStatement()) {
                if (exact) {
                    s.execute("SET LOCAL enable_indexscan = off");
                } else {
                    s.execute("SET LOCAL hnsw.ef_search = " + Math.max(DEFAULT_EF_SEARCH, limit));
                }
            }
            List<EmbeddingMatch<TextSegment>> found = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement(sql)) {
                PGvector query = new PGvector(vector);
                s.setObject(1, query);
                int next = bind(s, 2, filter == null ? List.of() : filter.parameters());
                s.setObject(next, query);
                s.setInt(next + 1, limit);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        double score = Math.clamp(1 - rs.getDouble(6) / 2, 0.0, 1.0);
                        if (score < request.minScore()) {
                            break;
                        }
                        found.add(match(rs, score));
                    }
                }
            }
            return found;
        });
        return new EmbeddingSearchResult<>(matches);
    }

    private EmbeddingMatch<TextSegment> match(ResultSet rs, double score) throws SQLException {
        float[] stored = new PGvector(rs.getString(2)).toArray();
        String text = rs.getString(3);
        TextSegment segment = null;
        if (text != null) {
            Map<String, Object> values = parse(rs.getString(4), new TypeReference<>() {});
            Map<String, String> types = parse(rs.getString(5), new TypeReference<>() {});
            segment = TextSegment.from(text, MetadataCodec.restore(values, types));
        }
        return new EmbeddingMatch<>(score, rs.getString(1), Embedding.from(stored), segment);
    }

    private static int bind(PreparedStatement s, int first, List<Object> parameters) throws SQLException {
        int index = first;
        for (Object p : parameters) {
            if (p instanceof BigDecimal d) {
                s.setBigDecimal(index++, d);
            } else {
                s.setString(index++, (String) p);
            }
        }
        return index;
    }

    private void checkDimension(float[] vector, String what) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException(where() + ": " + what + " has dimension " + vector.length + ", expected " + dimension);
        }
    }

    private String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(where() + ": metadata cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private <T> T parse(String json, TypeReference<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException(where() + ": stored metadata is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The store for messages: table and URL (without parameters, so never a password). */
    private String where() {
        return "PgVector table " + table + " at " + url;
    }

    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction on a fresh connection; failures become {@link StoreException}s. */
    private <T> T transaction(String operation, Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException ignored) {
                    // the connection is gone: the original failure is reported
                }
                throw e;
            }
        } catch (SQLException e) {
            // The pool's time-out names the pool only; the driver's reason (refused, bad password) is its cause.
            String reason = e.getCause() instanceof SQLException cause && cause.getMessage() != null
                    ? e.getMessage() + " (" + cause.getMessage() + ")" : e.getMessage();
            throw new StoreException(where() + ": could not " + operation + ": " + reason, e);
        }
    }

    /** Closes the store's own connection pool; a data source it was given is left to its owner. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** Builder; {@link #url} (or {@link #dataSource}), {@link #table} and {@link #dimension} are required. */
    public static final class Builder {
        private String url;
        private String user;
        private String password;
        private DataSource dataSource;
        private String table;
        private int dimension;
        private boolean createTable = true;
        private int m = 16;
        private int efConstruction = 64;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration queryTimeout = Duration.ofSeconds(60);
        private int maxPoolSize = 8;

        private Builder() {}

        /** JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/catena}. */
        public Builder url(String url) {
            this.url = url;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        /** The password; never logged nor part of a message. */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /** Connections from this data source (e.g. a pool) instead of the URL, user and password. */
        public Builder dataSource(DataSource dataSource) {
            this.dataSource = dataSource;
            return this;
        }

        /** Table name: a letter or {@code _}, then up to 49 letters, digits or {@code _}. */
        public Builder table(String table) {
            this.table = table;
            return this;
        }

        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /** Whether to create the extension, table and indexes when absent (default true). */
        public Builder createTable(boolean createTable) {
            this.createTable = createTable;
            return this;
        }

        /** HNSW graph degree {@code m} (default 16) and build beam width {@code ef_construction} (default 64). */
        public Builder hnsw(int m, int efConstruction) {
            this.m = m;
            this.efConstruction = efConstruction;
            return this;
        }

        /** How long to wait for a connection (default 5 s). */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /** How long a statement may wait for the server's answer (default 60 s). */
        public Builder queryTimeout(Duration queryTimeout) {
            this.queryTimeout = Objects.requireNonNull(queryTimeout, "queryTimeout");
            return this;
        }

        /** Most connections the store's own pool opens, for a store built from a URL (default 8). */
        public Builder maxPoolSize(int maxPoolSize) {
            this.maxPoolSize = maxPoolSize;
            return this;
        }

        /** Connects, creates the table if needed and checks its dimension. */
        public PgVectorEmbeddingStore build() {
            if (dataSource == null && (url == null || !url.startsWith("jdbc:postgresql:"))) {
                throw new IllegalArgumentException("PgVector store: url must be a jdbc:postgresql: URL (or give a dataSource), got "
                        + (url == null ? "none" : url.replaceFirst("\\?.*$", "")));
            }
            if (table == null || !TABLE.matcher(table).matches()) {
                throw new IllegalArgumentException("PgVector store: table '" + table + "' must be a letter or _ followed by up to"
                        + " 49 letters, digits or _");
            }
            if (dimension < 1 || dimension > 16_000) {
                throw new IllegalArgumentException("PgVector store: dimension " + dimension + " must be between 1 and 16000");
            }
            if (maxPoolSize < 1 || maxPoolSize > 1000) {
                throw new IllegalArgumentException("PgVector store: maxPoolSize " + maxPoolSize + " must be between 1 and 1000");
            }
            if (m < 2 || m > 100 || efConstruction < 4 || efConstruction > 1000) {
                throw new IllegalArgumentException("PgVector store: HNSW m " + m + " must be in [2, 100] and ef_construction "
                        + efConstruction + " in [4, 1000]");
            }
            return new PgVectorEmbeddingStore(this);
        }
    }
}
