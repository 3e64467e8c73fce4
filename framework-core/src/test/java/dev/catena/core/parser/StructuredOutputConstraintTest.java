package dev.catena.core.parser;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.model.OutputConstraint;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StructuredOutputConstraintTest {

    record Item(String name, int count) {
    }

    private static final class Plain implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest request) {
            return ChatResponse.builder().aiMessage(AiMessage.from("{}")).build();
        }
    }

    private static final class Constrainable implements ChatModel, ConstrainedGeneration {
        final List<OutputConstraint> asked = new ArrayList<>();
        final ChatModel view = new Plain();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return ChatResponse.builder().aiMessage(AiMessage.from("{}")).build();
        }

        @Override
        public ChatModel constrainedTo(OutputConstraint constraint) {
            asked.add(constraint);
            return view;
        }
    }

    @Test
    void aModelThatSupportsConstraintsIsAskedForTheSchema() throws Exception {
        StructuredOutputParser<Item> parser = StructuredOutputParser.of(Item.class);
        Constrainable model = new Constrainable();
        assertThat(parser.constrain(model)).isSameAs(model.view);
        OutputConstraint c = model.asked.getFirst();
        assertThat(c.grammar()).isEqualTo("root ::= value");
        assertThat(new ObjectMapper().readTree(c.jsonSchemas().get("value")))
                .isEqualTo(new ObjectMapper().readTree(parser.jsonSchema()));
    }

    @Test
    void otherModelsAreUsedAsTheyAre() {
        Plain plain = new Plain();
        assertThat(StructuredOutputParser.of(Item.class).constrain(plain)).isSameAs(plain);
    }
}
