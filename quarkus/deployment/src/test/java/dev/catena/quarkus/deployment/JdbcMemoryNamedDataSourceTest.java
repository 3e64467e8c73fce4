package dev.catena.quarkus.deployment;

import dev.catena.memory.store.ConversationStore;
import dev.langchain4j.data.message.UserMessage;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code quarkus.catena.memory.datasource=chat} picks a named datasource (real PostgreSQL); the
 * default datasource of the application is left alone.
 */
class JdbcMemoryNamedDataSourceTest {

    static final String TABLE = "catena_quarkus_named_ds";

    @RegisterExtension
    static final QuarkusUnitTest app = Postgres.dataSource(new QuarkusUnitTest(), "chat")
            .withApplicationRoot(jar -> jar.addClasses(Postgres.class))
            .overrideConfigKey("quarkus.catena.memory.store", "jdbc")
            .overrideConfigKey("quarkus.catena.memory.datasource", "chat")
            .overrideConfigKey("quarkus.catena.memory.table", TABLE);

    @AfterAll
    static void dropTable() throws Exception {
        Postgres.drop(TABLE);
    }

    @Test
    void theNamedDataSourceHoldsTheConversations() throws Exception {
        Postgres.require();
        ConversationStore store = Arc.container().select(ConversationStore.class).get();
        store.append("n1", List.of(UserMessage.from("kept in the chat datasource")));

        assertThat(store.load("n1")).containsExactly(UserMessage.from("kept in the chat datasource"));
        try (Connection c = DriverManager.getConnection(Postgres.URL, Postgres.USER, Postgres.PASSWORD)) {
            assertThat(c.getMetaData().getTables(null, null, TABLE, null).next()).isTrue();
        }
    }
}
