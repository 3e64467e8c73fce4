package dev.catena.quarkus.deployment;

import dev.catena.core.memory.ConversationMemory;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code quarkus.catena.memory.store=jdbc} without a path keeps conversations in the application's
 * default datasource: a real PostgreSQL, read back through the same Agroal pool.
 */
class JdbcMemoryDefaultDataSourceTest {

    static final String TABLE = "catena_quarkus_default_ds";

    @RegisterExtension
    static final QuarkusUnitTest app = Postgres.dataSource(new QuarkusUnitTest(), null)
            .withApplicationRoot(jar -> jar.addClasses(Postgres.class))
            .overrideConfigKey("quarkus.catena.memory.store", "jdbc")
            .overrideConfigKey("quarkus.catena.memory.table", TABLE)
            .overrideConfigKey("quarkus.catena.memory.max-messages", "3");

    @AfterAll
    static void dropTable() throws Exception {
        Postgres.drop(TABLE);
    }

    @Test
    void conversationsAreRowsOfTheApplicationsDataSource() throws Exception {
        Postgres.require();
        ConversationMemory memory = Arc.container().select(ConversationMemory.class).get();
        memory.clear("c1");
        memory.add("c1", List.of(UserMessage.from("I am Ada"), AiMessage.from("Hello Ada")));
        memory.add("c1", List.of(UserMessage.from("Who am I?"), AiMessage.from("Ada")));

        assertThat(memory.messages("c1")).as("the window of 3 starts at a user message")
                .containsExactly(UserMessage.from("Who am I?"), AiMessage.from("Ada"));
        AgroalDataSource dataSource = Arc.container().select(AgroalDataSource.class).get();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + TABLE + " WHERE conversation_id = 'c1'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(4);
        }
    }
}
