package dev.catena.cli.eval;

import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import dev.catena.core.model.UnconstrainedChatModel;
import dev.catena.llm.yaml.LocalModelType;
import dev.langchain4j.model.chat.ChatModel;

import java.util.ArrayList;
import java.util.List;

/**
 * A registry whose models are changed for one evaluation run: local GGUF models sample with the run's seed, and
 * without constraints every model is wrapped in {@link UnconstrainedChatModel}. Validation and other kinds are
 * unchanged.
 */
final class ModelOverrides {

    private ModelOverrides() {}

    /** {@code registry} with each model seeded by {@code seed} (null: the file's) and constrained or not. */
    static ComponentRegistry apply(ComponentRegistry registry, Long seed, boolean constrained) {
        List<ComponentType<?, ?>> types = new ArrayList<>();
        for (String kind : registry.kinds()) {
            for (ComponentType<?, ?> type : registry.types(kind).values()) {
                types.add("Model".equals(kind) ? override(type, seed, constrained) : type);
            }
        }
        return ComponentRegistry.of(types);
    }

    @SuppressWarnings("unchecked")
    private static <S, T> ComponentType<S, T> override(ComponentType<S, T> type, Long seed, boolean constrained) {
        return new ComponentType<>() {
            @Override public String kind() { return type.kind(); }
            @Override public String type() { return type.type(); }
            @Override public Class<S> specClass() { return type.specClass(); }
            @Override public Class<? super T> productClass() { return type.productClass(); }
            @Override public String description() { return type.description(); }

            @Override
            public T create(S spec, ComponentContext context) {
                S seeded = seed != null && spec instanceof LocalModelType.Spec s ? (S) withSeed(s, seed) : spec;
                T model = type.create(seeded, context);
                return !constrained && model instanceof ChatModel chat ? (T) UnconstrainedChatModel.of(chat) : model;
            }
        };
    }

    private static LocalModelType.Spec withSeed(LocalModelType.Spec s, long seed) {
        return new LocalModelType.Spec(s.path(), s.reference(), s.threads(), s.contextLength(), s.maxTokens(), s.temperature(),
                s.topK(), s.topP(), seed, s.chatTemplate(), s.kvCache(), s.slots(), s.queueCapacity());
    }
}
