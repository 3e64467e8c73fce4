package dev.catena.quarkus.deployment;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the component injected by a plain {@code @Inject} for each model interface: the one
 * configured with {@code default=true}, else the one named {@code default}, else the only one.
 */
final class DefaultBeans {
    private DefaultBeans() {}

    /** The interfaces that get a {@code @Default} bean. */
    static final List<Class<?>> INTERFACES = List.of(ChatModel.class, StreamingChatModel.class, EmbeddingModel.class);

    /** Interface -> the component that is its default; interfaces without a clear choice are absent. */
    static Map<Class<?>, ComponentBean> choose(List<ComponentBean> beans) {
        Map<Class<?>, ComponentBean> out = new LinkedHashMap<>();
        for (Class<?> api : INTERFACES) {
            List<ComponentBean> candidates = beans.stream()
                    .filter(b -> BeanTypes.classes(b.productClass()).contains(api)).toList();
            List<ComponentBean> marked = candidates.stream().filter(ComponentBean::markedDefault).toList();
            if (marked.size() > 1) {
                throw new IllegalStateException("Several Catena components are marked default=true for " + api.getSimpleName() + ": "
                        + marked.stream().map(ComponentBean::origin).toList() + " (mark one)");
            }
            ComponentBean chosen = marked.isEmpty()
                    ? candidates.stream().filter(b -> b.name().equals("default")).findFirst()
                            .orElse(candidates.size() == 1 ? candidates.getFirst() : null)
                    : marked.getFirst();
            if (chosen != null) out.put(api, chosen);
        }
        return out;
    }
}
