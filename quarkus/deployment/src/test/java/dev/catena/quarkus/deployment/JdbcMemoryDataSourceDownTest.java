package dev.catena.quarkus.deployment;

import dev.catena.memory.store.ConversationStore;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

/**
 * The memory's datasource points at a port where no database listens: the application starts, the
 * readiness check is DOWN naming the datasource and table, and a call on the store fails with the
 * database's error instead of the start crashing.
 */
class JdbcMemoryDataSourceDownTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + closedPort() + "/catena")
            .overrideConfigKey("quarkus.datasource.username", "catena")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.health.enabled", "false")
            .overrideConfigKey("quarkus.catena.memory.store", "jdbc")
            .overrideConfigKey("quarkus.catena.memory.table", "catena_never_created");

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readinessIsDownAndCallsFail() {
        RestAssured.when().get("/q/health/ready").then()
                .statusCode(503)
                .body("checks.find { it.name == 'catena' }.status", is("DOWN"))
                .body("checks.find { it.name == 'catena' }.data.error",
                        containsString("conversation memory on the default datasource, table catena_never_created"));
        assertThatThrownBy(() -> Arc.container().select(ConversationStore.class).get().load("c1"))
                .hasMessageContaining("Cannot create table catena_never_created");
    }
}
