package dev.catena.cli.eval;

import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.model.OutputConstraint;
import dev.catena.llm.yaml.LocalModelType;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.data.message.AiMessage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The models of an evaluation run take its seed and lose constrained decoding when the run is unconstrained. */
class ModelOverridesTest {

    /** A constrainable model that remembers the seed of the spec it was made from. */
    record SeededModel(Long seed) implements ChatModel, ConstrainedGeneration {
        @Override public ChatResponse doChat(ChatRequest request) {
            return ChatResponse.builder().aiMessage(AiMessage.from("seed " + seed)).build();
        }

        @Override public ChatModel constrainedTo(OutputConstraint constraint) { return this; }
    }

    private final List<LocalModelType.Spec> specs = new ArrayList<>();

    private final ComponentType<LocalModelType.Spec, ChatModel> localType = new ComponentType<>() {
        @Override public String kind() { return "Model"; }
        @Override public String type() { return "local-gguf"; }
        @Override public Class<LocalModelType.Spec> specClass() { return LocalModelType.Spec.class; }
        @Override public Class<? super ChatModel> productClass() { return ChatModel.class; }
        @Override public ChatModel create(LocalModelType.Spec spec, ComponentContext context) {
            specs.add(spec);
            return new SeededModel(spec.seed());
        }
    };

    @SuppressWarnings("unchecked")
    private Object create(ComponentRegistry registry, LocalModelType.Spec spec) {
        return ((ComponentType<LocalModelType.Spec, ?>) registry.find("Model", "local-gguf")).create(spec, null);
    }

    private static LocalModelType.Spec spec(Long seed) {
        return new LocalModelType.Spec("model.gguf", null, 2, null, 64, 0.5, null, null, seed, null, null, null, null);
    }

    @Test
    void theRunSeedReplacesTheFilesAndConstraintsStayWhenOn() {
        Object model = create(ModelOverrides.apply(ComponentRegistry.of(List.of(localType)), 7L, true), spec(3L));
        assertThat(model).isInstanceOf(ConstrainedGeneration.class);
        assertThat(((ChatModel) model).chat("hi")).isEqualTo("seed 7");
        assertThat(specs.getFirst().threads()).isEqualTo(2);
        assertThat(specs.getFirst().temperature()).isEqualTo(0.5);
    }

    @Test
    void withoutASeedTheFilesStaysAndAnUnconstrainedRunHidesConstrainedGeneration() {
        Object model = create(ModelOverrides.apply(ComponentRegistry.of(List.of(localType)), null, false), spec(3L));
        assertThat(model).isNotInstanceOf(ConstrainedGeneration.class).isInstanceOf(ChatModel.class);
        assertThat(((ChatModel) model).chat("hi")).isEqualTo("seed 3");
    }
}
