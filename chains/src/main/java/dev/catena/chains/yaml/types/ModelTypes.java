package dev.catena.chains.yaml.types;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.Ref;
import dev.catena.core.model.UnconstrainedChatModel;
import dev.langchain4j.model.chat.ChatModel;

/** Model types that any backend's model can be wrapped in ({@code kind: Model}), registered through ServiceLoader. */
public final class ModelTypes {
    private ModelTypes() {}

    /**
     * {@code type: unconstrained}.
     *
     * @param model the model to use without constrained decoding
     */
    public record UnconstrainedSpec(
            @JsonProperty(required = true) @JsonPropertyDescription("The model: {ref: <Model>} or {bean: <host ChatModel>}") Ref model) {}

    /** A model whose decoding is never constrained: agents and output schemas fall back to instructions and parsing. */
    public static final class Unconstrained extends AbstractComponentType<UnconstrainedSpec, ChatModel> {
        public Unconstrained() {
            super("Model", "unconstrained", UnconstrainedSpec.class, ChatModel.class,
                    "A model used without constrained decoding (instructions and parsing, as for a remote model)");
        }

        @Override
        public ChatModel create(UnconstrainedSpec spec, ComponentContext context) {
            return UnconstrainedChatModel.of(context.resolve(spec.model(), ChatModel.class));
        }
    }
}
