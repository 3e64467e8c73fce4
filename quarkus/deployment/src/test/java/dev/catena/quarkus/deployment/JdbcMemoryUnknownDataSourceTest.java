package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/** A jdbc memory naming a datasource the application does not have fails the start, naming the key and the active ones. */
class JdbcMemoryUnknownDataSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.datasource.chat.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.chat.jdbc.url", Postgres.URL)
            .overrideConfigKey("quarkus.datasource.chat.devservices.enabled", "false")
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.catena.memory.store", "jdbc")
            .overrideConfigKey("quarkus.catena.memory.datasource", "history")
            .assertException(e -> assertThat(Messages.of(e))
                    .contains("quarkus.catena.memory.datasource: datasource 'history' is not configured (configured: [chat])"));

    @Test
    void startFails() {
        fail("the application should not have started");
    }
}
