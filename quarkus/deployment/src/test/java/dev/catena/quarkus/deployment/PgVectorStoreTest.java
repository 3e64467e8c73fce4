package dev.catena.quarkus.deployment;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code quarkus.catena.stores.<name>.type=pgvector} on the real PostgreSQL with pgvector: one store
 * on the application's default datasource ({@code data-source=<default>}), one on a named datasource,
 * one on its own JDBC URL, and a YAML store with {@code dataSource: {bean: vectors}}. Each writes its
 * own table and finds what it stored.
 */
class PgVectorStoreTest {

    static final String DEFAULT_TABLE = "catena_quarkus_pgv_default";
    static final String NAMED_TABLE = "catena_quarkus_pgv_named";
    static final String URL_TABLE = "catena_quarkus_pgv_url";
    static final String YAML_TABLE = "catena_quarkus_pgv_yaml";

    @RegisterExtension
    static final QuarkusUnitTest app = Postgres.dataSource(Postgres.dataSource(new QuarkusUnitTest(), null), "vectors")
            .withApplicationRoot(jar -> jar.addClasses(Postgres.class).addAsResource(new StringAsset("""
                    apiVersion: catena/v1
                    kind: Store
                    name: from-yaml
                    type: pgvector
                    dataSource: {bean: vectors}
                    table: %s
                    dimension: 3
                    """.formatted(YAML_TABLE)), "catena/store.yaml"))
            .overrideConfigKey("quarkus.catena.stores.main.type", "pgvector")
            .overrideConfigKey("quarkus.catena.stores.main.data-source", "<default>")
            .overrideConfigKey("quarkus.catena.stores.main.table", DEFAULT_TABLE)
            .overrideConfigKey("quarkus.catena.stores.main.dimension", "3")
            .overrideConfigKey("quarkus.catena.stores.named.type", "pgvector")
            .overrideConfigKey("quarkus.catena.stores.named.data-source", "vectors")
            .overrideConfigKey("quarkus.catena.stores.named.table", NAMED_TABLE)
            .overrideConfigKey("quarkus.catena.stores.named.dimension", "3")
            .overrideConfigKey("quarkus.catena.stores.direct.type", "pgvector")
            .overrideConfigKey("quarkus.catena.stores.direct.url", Postgres.URL)
            .overrideConfigKey("quarkus.catena.stores.direct.user", Postgres.USER)
            .overrideConfigKey("quarkus.catena.stores.direct.password", Postgres.PASSWORD)
            .overrideConfigKey("quarkus.catena.stores.direct.table", URL_TABLE)
            .overrideConfigKey("quarkus.catena.stores.direct.dimension", "3");

    @Inject
    @Named("main")
    EmbeddingStore<TextSegment> main;

    @Inject
    @Named("named")
    EmbeddingStore<TextSegment> named;

    @Inject
    @Named("direct")
    EmbeddingStore<TextSegment> direct;

    @Inject
    @Named("from-yaml")
    EmbeddingStore<TextSegment> fromYaml;

    @AfterAll
    static void dropTables() throws Exception {
        for (String table : List.of(DEFAULT_TABLE, NAMED_TABLE, URL_TABLE, YAML_TABLE)) Postgres.drop(table);
    }

    @Test
    void theDefaultDataSourceHoldsItsStore() throws Exception {
        Postgres.require();
        assertStoresAndFinds(main, DEFAULT_TABLE, "on the default datasource");
    }

    @Test
    void aNamedDataSourceHoldsItsStore() throws Exception {
        Postgres.require();
        assertStoresAndFinds(named, NAMED_TABLE, "on the vectors datasource");
    }

    @Test
    void aUrlStoreConnectsItself() throws Exception {
        Postgres.require();
        assertStoresAndFinds(direct, URL_TABLE, "through its own URL");
    }

    @Test
    void aYamlStoreReferencesADataSourceAsABean() throws Exception {
        Postgres.require();
        assertStoresAndFinds(fromYaml, YAML_TABLE, "declared in YAML on the vectors datasource");
    }

    private static void assertStoresAndFinds(EmbeddingStore<TextSegment> store, String table, String text) throws Exception {
        store.removeAll();
        store.addAll(List.of(Embedding.from(new float[]{1, 0, 0}), Embedding.from(new float[]{0, 1, 0})),
                List.of(TextSegment.from(text), TextSegment.from("unrelated")));

        List<EmbeddingMatch<TextSegment>> found = store.search(EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(new float[]{0.9f, 0.1f, 0})).maxResults(1).build()).matches();

        assertThat(found).extracting(m -> m.embedded().text()).containsExactly(text);
        try (Connection c = DriverManager.getConnection(Postgres.URL, Postgres.USER, Postgres.PASSWORD);
             Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT count(*) FROM " + table)) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(2);
        }
    }
}
