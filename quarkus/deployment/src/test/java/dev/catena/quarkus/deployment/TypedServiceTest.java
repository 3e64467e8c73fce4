package dev.catena.quarkus.deployment;

import dev.catena.memory.store.ConversationStore;
import dev.catena.quarkus.RegisterCatenaService;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.service.MemoryId;
import dev.langchain4j.service.SystemMessage;
import dev.langchain4j.service.UserMessage;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @RegisterCatenaService} interface is a bean built on AiServices over a configured Catena
 * model: a record result through structured output, a tool of a CDI bean called with the model's
 * arguments, and a memory per {@code @MemoryId} kept in Catena's conversation store.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TypedServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Assistant.class, Verdict.class, Adder.class))
            .overrideConfigKey("quarkus.catena.models.judge.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.judge.responses",
                    "{\"label\":\"positive\"\\,\"score\":9},"
                            + "tool:add {\"a\":2\\,\"b\":3},The sum is 5.,"
                            + "Nice to meet you\\, Ada.,Your name is Ada.");

    public record Verdict(String label, int score) {}

    @RegisterCatenaService(model = "judge", tools = Adder.class)
    public interface Assistant {
        @SystemMessage("Classify the sentiment of the review.")
        Verdict classify(@UserMessage String review);

        String ask(@UserMessage String question);

        String chat(@MemoryId String conversation, @UserMessage String message);
    }

    @Singleton
    public static class Adder {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Tool("Adds two integers")
        public int add(int a, int b) {
            calls.add(a + "+" + b);
            return a + b;
        }
    }

    @Inject
    Assistant assistant;

    @Inject
    Adder adder;

    @Inject
    ConversationStore conversations;

    @Test
    @Order(1)
    void aRecordResultIsParsedFromTheModelsJson() {
        assertThat(assistant.classify("Great lamp, fast delivery")).isEqualTo(new Verdict("positive", 9));
    }

    @Test
    @Order(2)
    void aToolCallRunsTheBeansMethodAndItsResultLeadsToTheAnswer() {
        assertThat(assistant.ask("What is 2 + 3?")).isEqualTo("The sum is 5.");
        assertThat(adder.calls).containsExactly("2+3");
    }

    @Test
    @Order(3)
    void eachMemoryIdKeepsItsTurnsInCatenasConversationStore() {
        assertThat(assistant.chat("c-ada", "My name is Ada.")).isEqualTo("Nice to meet you, Ada.");
        assertThat(assistant.chat("c-ada", "What is my name?")).isEqualTo("Your name is Ada.");
        assertThat(conversations.load("c-ada")).hasSize(4);
        assertThat(conversations.load("c-other")).isEmpty();
    }
}
