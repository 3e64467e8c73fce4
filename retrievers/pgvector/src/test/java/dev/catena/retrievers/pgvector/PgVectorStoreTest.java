package dev.catena.retrievers.pgvector;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import dev.catena.retrievers.store.StoreException;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pgvector store's YAML type, its HNSW index and its errors, against the real server. */
class PgVectorStoreTest {

    @RegisterExtension
    static final PgDatabase DB = new PgDatabase();

    private static final ComponentContext CONTEXT = new ComponentContext() {
        @Override public <T> T resolve(String ref, Class<T> type) { throw new IllegalArgumentException("no ref " + ref); }
        @Override public String env(String name) { throw new IllegalArgumentException("no env " + name); }
        @Override public Path path(String relative) { return Path.of(relative); }
    };

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void yamlTypeCreatesAWorkingStore() throws Exception {
        ComponentType type = ServiceLoader.load(ComponentType.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.kind().equals("Store") && t.type().equals("pgvector")).findFirst().orElseThrow();
        DB.store("yaml_store", 3);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("url", DB.url());
        fields.put("user", DB.user());
        fields.put("password", DB.password());
        fields.put("table", "yaml_store");
        fields.put("dimension", 3);
        Object spec = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).convertValue(fields, type.specClass());
        EmbeddingStore<TextSegment> store = (EmbeddingStore<TextSegment>) type.create(spec, CONTEXT);
        store.add("x", Embedding.from(new float[] {1, 0, 0}));
        assertThat(store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {1, 0, 0}))
                .maxResults(1).build()).matches().getFirst().embeddingId()).isEqualTo("x");
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void yamlTypeTakesConnectionsFromAHostDataSource() throws Exception {
        ComponentType type = pgvectorType();
        DB.store("yaml_ds_store", 3);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(DB.url());
        dataSource.setUser(DB.user());
        dataSource.setPassword(DB.password());
        Object spec = spec(type, Map.of("dataSource", Map.of("bean", "pg"), "table", "yaml_ds_store", "dimension", 3));
        ComponentContext withBean = new ComponentContext() {
            @Override public <T> T resolve(String ref, Class<T> t) {
                if (!ref.equals("pg")) throw new IllegalArgumentException("no bean " + ref);
                return t.cast(dataSource);
            }
            @Override public String env(String name) { throw new IllegalArgumentException("no env " + name); }
        };

        EmbeddingStore<TextSegment> store = (EmbeddingStore<TextSegment>) type.create(spec, withBean);
        store.add("y", Embedding.from(new float[] {0, 1, 0}));

        try (Connection c = DB.connect(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM yaml_ds_store")) {
            assertThat(r.next()).isTrue();
            assertThat(r.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void aSpecNeedsExactlyOneOfUrlAndDataSource() {
        ComponentType<?, ?> type = pgvectorType();
        assertThatThrownBy(() -> spec(type, Map.of("table", "t", "dimension", 3)))
                .hasMessageContaining("exactly one of 'url' or 'dataSource'");
        assertThatThrownBy(() -> spec(type, Map.of("url", DB.url(), "dataSource", Map.of("bean", "pg"), "table", "t", "dimension", 3)))
                .hasMessageContaining("exactly one of 'url' or 'dataSource'");
    }

    private static ComponentType<?, ?> pgvectorType() {
        return ServiceLoader.load(ComponentType.class).stream().map(ServiceLoader.Provider::get)
                .filter(t -> t.kind().equals("Store") && t.type().equals("pgvector")).findFirst().orElseThrow();
    }

    private static Object spec(ComponentType<?, ?> type, Map<String, Object> fields) {
        return new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).convertValue(fields, type.specClass());
    }

    @Test
    void createsAnHnswIndexOnCosineDistance() throws Exception {
        DB.store("hnsw_check", 4).build();
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT indexdef FROM pg_indexes WHERE tablename = 'hnsw_check'")) {
            StringBuilder defs = new StringBuilder();
            while (rs.next()) {
                defs.append(rs.getString(1)).append('\n');
            }
            assertThat(defs.toString()).contains("USING hnsw (embedding vector_cosine_ops)").contains("USING gin (metadata jsonb_path_ops)");
        }
    }

    @Test
    void reopeningWithAnotherDimensionFailsNamingBoth() {
        DB.store("dim_check", 4).build();
        assertThatThrownBy(() -> DB.store("dim_check", 5).build()).isInstanceOf(StoreException.class)
                .hasMessageContaining("dim_check").hasMessageContaining("dimension 4, not 5");
        PgVectorEmbeddingStore store = DB.store("dim_check", 4).build();
        assertThatThrownBy(() -> store.add(Embedding.from(new float[] {1, 2}))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dimension 2, expected 4");
    }

    @Test
    void badSettingsAreRejectedNamingThem() {
        assertThatThrownBy(() -> PgVectorEmbeddingStore.builder().url(DB.url()).table("x; drop table y").dimension(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'x; drop table y'");
        assertThatThrownBy(() -> PgVectorEmbeddingStore.builder().url("http://127.0.0.1/x").table("t").dimension(3).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql:");
        assertThatThrownBy(() -> PgVectorEmbeddingStore.builder().url(DB.url()).table("t").dimension(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension 0");
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        String secret = "not-the-Password-42";
        assertThatThrownBy(() -> PgVectorEmbeddingStore.builder().url(DB.url() + "?sslmode=disable").user(DB.user()).password(secret)
                .table("never_made").dimension(3).build())
                .isInstanceOf(StoreException.class).hasMessageContaining("never_made").hasMessageContaining(DB.url())
                .hasMessageNotContaining(secret).hasMessageNotContaining("sslmode");
    }

    @Test
    void aStoreBuiltFromAUrlReusesAFewPooledConnectionsAndClosesThemWithTheStore() throws Exception {
        Set<Integer> before = storeSessions();
        PgVectorEmbeddingStore store = DB.store("pool_check", 3).maxPoolSize(2).build();
        Set<Integer> seen = new HashSet<>();
        try {
            for (int i = 0; i < 5; i++) {
                store.add("e" + i, Embedding.from(new float[] {1, i, 0}));
            }
            for (int round = 0; round < 2; round++) {
                try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                    List<Future<?>> calls = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        int n = i;
                        calls.add(pool.submit(() -> {
                            store.add("e" + n % 5, Embedding.from(new float[] {1, n, 0}));
                            return store.search(EmbeddingSearchRequest.builder().queryEmbedding(Embedding.from(new float[] {1, 0, 0}))
                                    .maxResults(3).build()).matches().size();
                        }));
                    }
                    for (Future<?> call : calls) {
                        assertThat(call.get()).isEqualTo(3);
                    }
                }
                Set<Integer> open = storeSessions();
                open.removeAll(before);
                assertThat(open).as("sessions the store keeps open after round %d", round).isNotEmpty().hasSizeLessThanOrEqualTo(2);
                seen.addAll(open);
            }
            assertThat(seen).as("160 calls from 4 threads over two rounds were served by the same at most 2 sessions").hasSizeLessThanOrEqualTo(2);
        } finally {
            store.close();
        }
        Set<Integer> left = storeSessions();
        for (int i = 0; i < 100 && left.stream().anyMatch(seen::contains); i++) {
            Thread.sleep(100);   // a closed session leaves pg_stat_activity when its backend has exited
            left = storeSessions();
        }
        assertThat(left).as("sessions after close").doesNotContainAnyElementsOf(seen);
    }

    @Test
    void aGivenDataSourceIsLeftOpenForItsOwner() throws Exception {
        DB.store("given_ds", 3);
        com.zaxxer.hikari.HikariConfig config = new com.zaxxer.hikari.HikariConfig();
        config.setJdbcUrl(DB.url());
        config.setUsername(DB.user());
        config.setPassword(DB.password());
        try (com.zaxxer.hikari.HikariDataSource owned = new com.zaxxer.hikari.HikariDataSource(config)) {
            PgVectorEmbeddingStore store = PgVectorEmbeddingStore.builder().dataSource(owned).table("given_ds").dimension(3).build();
            store.add("z", Embedding.from(new float[] {0, 0, 1}));
            store.close();
            assertThat(owned.isClosed()).isFalse();
            try (Connection c = owned.getConnection(); Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT count(*) FROM given_ds")) {
                assertThat(r.next()).isTrue();
                assertThat(r.getInt(1)).isEqualTo(1);
            }
        }
    }

    /** The backend pids of the server's sessions opened by pgvector stores (their application name). */
    private static Set<Integer> storeSessions() throws Exception {
        Set<Integer> pids = new HashSet<>();
        try (Connection c = DB.connect(); Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT pid FROM pg_stat_activity WHERE application_name = 'catena-pgvector'")) {
            while (r.next()) {
                pids.add(r.getInt(1));
            }
        }
        return pids;
    }

    @Test
    void anUnreachableServerFailsWithTheUrl() {
        String url = "jdbc:postgresql://127.0.0.1:1/catena";
        assertThatThrownBy(() -> PgVectorEmbeddingStore.builder().url(url).user("u").password("p").table("t").dimension(3).build())
                .isInstanceOf(StoreException.class).hasMessageContaining(url).hasMessageContaining("could not create the table");
    }
}
