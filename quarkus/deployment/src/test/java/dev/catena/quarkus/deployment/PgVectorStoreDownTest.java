package dev.catena.quarkus.deployment;

import dev.catena.quarkus.runtime.devui.CatenaJsonRpcService;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

/**
 * pgvector stores whose PostgreSQL does not answer when the application starts: one on its own URL
 * (a port where nothing listens yet, later forwarded to the CI PostgreSQL), one on the default Agroal
 * datasource and one from YAML on that datasource (a port where nothing ever listens). The application
 * starts; readiness is DOWN naming each store and the cause; the stores' beans fail with that cause;
 * the conversation memory on the same datasource, with a TTL, is reported too. Once the database
 * answers, the store is created and readiness no longer names it.
 */
class PgVectorStoreDownTest {

    static final String TABLE = "catena_quarkus_pgv_down";
    static final TcpForwarder LATER = new TcpForwarder("catena.test.pgvector-down.port", 55432);
    static final int NEVER = TcpForwarder.freePort();

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Postgres.class, TcpForwarder.class, DevUiCapture.class).addAsResource(new StringAsset("""
                    apiVersion: catena/v1
                    kind: Store
                    name: yaml-store
                    type: pgvector
                    dataSource: {bean: <default>}
                    table: catena_never_created
                    dimension: 3
                    """), "catena/store.yaml"))
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + NEVER + "/catena")
            .overrideConfigKey("quarkus.datasource.username", Postgres.USER)
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.health.enabled", "false")
            // each attempt on the down datasource waits this long (5 s by default) before it fails
            .overrideConfigKey("quarkus.datasource.jdbc.acquisition-timeout", "1S")
            .overrideConfigKey("quarkus.catena.stores.later.type", "pgvector")
            .overrideConfigKey("quarkus.catena.stores.later.url", "jdbc:postgresql://127.0.0.1:" + LATER.port() + "/catena")
            .overrideConfigKey("quarkus.catena.stores.later.user", Postgres.USER)
            .overrideConfigKey("quarkus.catena.stores.later.password", Postgres.PASSWORD)
            .overrideConfigKey("quarkus.catena.stores.later.table", TABLE)
            .overrideConfigKey("quarkus.catena.stores.later.dimension", "3")
            .overrideConfigKey("quarkus.catena.stores.pooled.type", "pgvector")
            .overrideConfigKey("quarkus.catena.stores.pooled.data-source", "<default>")
            .overrideConfigKey("quarkus.catena.stores.pooled.table", "catena_never_created")
            .overrideConfigKey("quarkus.catena.stores.pooled.dimension", "3")
            .overrideConfigKey("quarkus.catena.memory.store", "jdbc")
            .overrideConfigKey("quarkus.catena.memory.ttl", "1h")
            .overrideConfigKey("quarkus.catena.memory.table", "catena_never_created")
            .addBuildChainCustomizer(DevUiCapture.step());

    @Inject
    CatenaJsonRpcService devUi;

    @AfterAll
    static void cleanUp() throws Exception {
        LATER.close();
        System.clearProperty("catena.test.pgvector-down.port");
        DevUiCapture.clear();
        if (Postgres.up()) Postgres.drop(TABLE);
    }

    @Test
    void theApplicationStartsAndReadinessNamesEachStoreAndItsCauseUntilTheDatabaseAnswers() throws Exception {
        Postgres.require();
        Postgres.drop(TABLE);
        RestAssured.when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'catena' }.status", is("DOWN"))
                .body("checks.find { it.name == 'catena' }.data.unavailable", is("later,memory,pooled,yaml-store"))
                .body("checks.find { it.name == 'catena' }.data.later",
                        allOf(containsString("quarkus.catena.stores.later (type pgvector): cannot create"), containsString("Connection")))
                .body("checks.find { it.name == 'catena' }.data.pooled", containsString("quarkus.catena.stores.pooled (type pgvector): cannot create"))
                .body("checks.find { it.name == 'catena' }.data.'yaml-store'", containsString("cannot create Store 'yaml-store'"))
                .body("checks.find { it.name == 'catena' }.data.memory",
                        containsString("conversation memory on the default datasource, table catena_never_created"));
        Map<String, String> yamlStore = devUi.components().stream().filter(c -> c.get("name").equals("yaml-store")).findFirst().orElseThrow();
        assertThat(yamlStore).containsEntry("kind", "Store").containsEntry("status", "unavailable");
        assertThat(yamlStore.get("problem")).contains("store.yaml", "cannot create Store 'yaml-store'");
        assertThatThrownBy(() -> store("pooled").search(search())).hasStackTraceContaining("quarkus.catena.stores.pooled");

        LATER.start();
        RestAssured.when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'catena' }.data.unavailable", is("memory,pooled,yaml-store"))
                .body("checks.find { it.name == 'catena' }.data.error", not(containsString("stores.later")));
        EmbeddingStore<TextSegment> later = store("later");
        later.add(new Embedding(new float[] {1, 0, 0}), TextSegment.from("back up"));
        assertThat(later.search(search()).matches()).extracting(m -> m.embedded().text()).containsExactly("back up");
    }

    @Test
    void theCardMasksTheStorePassword() {
        assertThat(DevUiCapture.data(CatenaDevUiProcessor.COMPONENTS))
                .contains("quarkus.catena.stores.later.password=****")
                .doesNotContain("password=" + Postgres.PASSWORD + "\n");
    }

    @SuppressWarnings("unchecked")
    private static EmbeddingStore<TextSegment> store(String name) {
        return (EmbeddingStore<TextSegment>) Arc.container().instance(name).get();
    }

    private static EmbeddingSearchRequest search() {
        return EmbeddingSearchRequest.builder().queryEmbedding(new Embedding(new float[] {1, 0, 0})).maxResults(1).build();
    }
}
