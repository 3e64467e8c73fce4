package dev.catena.quarkus.deployment;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A pgvector store naming a datasource the application does not configure fails the start with its key and the name. */
class PgVectorMissingDataSourceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.datasource.db-kind", "postgresql")
            .overrideConfigKey("quarkus.datasource.jdbc.url", Postgres.URL)
            .overrideConfigKey("quarkus.datasource.devservices.enabled", "false")
            .overrideConfigKey("quarkus.catena.stores.docs.type", "pgvector")
            .overrideConfigKey("quarkus.catena.stores.docs.data-source", "nowhere")
            .overrideConfigKey("quarkus.catena.stores.docs.table", "t")
            .overrideConfigKey("quarkus.catena.stores.docs.dimension", "3")
            .assertException(e -> assertThat(Messages.of(e)).contains("quarkus.catena.stores.docs").contains("nowhere"));

    @Test
    void startFails() {
        // the assertion is on the start's exception
    }
}
