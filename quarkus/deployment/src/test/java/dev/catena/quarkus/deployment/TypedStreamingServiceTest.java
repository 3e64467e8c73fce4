package dev.catena.quarkus.deployment;

import dev.catena.memory.store.ConversationStore;
import dev.catena.quarkus.RegisterCatenaService;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.service.MemoryId;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Multi;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A typed service method returning {@code Multi<String>} streams the model's tokens as items (through
 * LangChain4j's TokenStream and Catena's Mutiny adapter); nothing is sent to the model before the
 * subscription, and a streamed turn is kept in the {@code @MemoryId}'s conversation.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TypedStreamingServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Writer.class))
            .overrideConfigKey("quarkus.catena.models.writer.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.writer.responses", "Once upon a time there was a lamp.,Hello again Ada.");

    @RegisterCatenaService(model = "writer")
    public interface Writer {
        Multi<String> story(@dev.langchain4j.service.UserMessage String topic);

        Multi<String> chat(@MemoryId String conversation, @dev.langchain4j.service.UserMessage String message);
    }

    @Inject
    Writer writer;

    @Inject
    ConversationStore conversations;

    @Test
    @Order(1)
    void tokensArriveAsItemsOfTheMulti() {
        Multi<String> story = writer.story("a lamp");
        List<String> tokens = story.collect().asList().await().atMost(Duration.ofSeconds(30));
        assertThat(tokens).hasSizeGreaterThan(3);
        assertThat(String.join("", tokens)).isEqualTo("Once upon a time there was a lamp.");
    }

    @Test
    @Order(2)
    void aStreamedTurnIsKeptInItsConversation() {
        List<String> tokens = writer.chat("s-ada", "Hi, I am Ada").collect().asList().await().atMost(Duration.ofSeconds(30));
        assertThat(String.join("", tokens)).isEqualTo("Hello again Ada.");
        assertThat(conversations.load("s-ada")).containsExactly(UserMessage.from("Hi, I am Ada"), AiMessage.from("Hello again Ada."));
    }
}
