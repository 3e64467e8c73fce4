package dev.catena.llm.chat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.model.OutputConstraint;
import dev.catena.llm.sampling.SamplingParams;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code constrainedTo} on a random test model: every reply follows the grammar, whatever the seed. */
class ConstrainedViewTest {

    private static ModelRegistry registry;
    private static LocalChatModel chat;

    @BeforeAll
    static void load() throws URISyntaxException {
        Path file = Path.of(ConstrainedViewTest.class.getResource("/model/llama-mha-f32.gguf").toURI());
        registry = new ModelRegistry(2);
        chat = LocalChatModel.builder().model(registry.get(file)).maxTokens(300).contextLength(512)
                .sampling(SamplingParams.builder().temperature(1.2).build()).build();
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    @Test
    void repliesFollowAGrammarWithAnEmbeddedJsonSchema() throws Exception {
        ChatModel react = chat.constrainedTo(new OutputConstraint("""
                root ::= "Thought: " [a-z ]{1,20} "\\n" (action | final)
                action ::= "Action: calc\\nAction Input: " args
                final ::= "Final Answer: " [0-9]{1,3}
                """, java.util.Map.of("args", """
                {"type": "object", "properties": {"x": {"type": "integer"}}, "required": ["x"]}""")));
        Pattern shape = Pattern.compile("Thought: [a-z ]{1,20}\n(Action: calc\nAction Input: (.*)|Final Answer: [0-9]{1,3})",
                Pattern.DOTALL);
        for (int i = 0; i < 4; i++) {
            String reply = react.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                    .messages(UserMessage.from("question " + i)).temperature(1.2).build()).aiMessage().text();
            var m = shape.matcher(reply);
            assertThat(m.matches()).as(reply).isTrue();
            if (m.group(2) != null) {
                assertThat(new ObjectMapper().readTree(m.group(2)).get("x").isIntegralNumber()).as(reply).isTrue();
            }
        }
    }

    @Test
    void aBadConstraintFailsWhenTheViewIsMade() {
        assertThatThrownBy(() -> chat.constrainedTo(OutputConstraint.gbnf("root ::= (\"a\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expected ')'");
        assertThatThrownBy(() -> chat.constrainedTo(OutputConstraint.jsonSchema("{\"type\": \"string\", \"format\": \"email\"}")))
                .hasMessageContaining("unsupported JSON Schema keyword 'format' at /");
    }
}
