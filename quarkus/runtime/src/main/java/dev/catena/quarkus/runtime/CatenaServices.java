package dev.catena.quarkus.runtime;

import dev.catena.memory.store.ConversationStore;
import dev.catena.quarkus.RegisterCatenaService;
import dev.catena.quarkus.runtime.mcp.McpServiceTools;
import dev.langchain4j.memory.chat.MessageWindowChatMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.MemoryId;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import jakarta.enterprise.inject.literal.NamedLiteral;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;

/** Builds the implementation of a {@link RegisterCatenaService} interface from the application's beans. */
final class CatenaServices {

    private CatenaServices() {}

    static Object create(Class<?> service, CatenaConfig config) {
        RegisterCatenaService spec = service.getAnnotation(RegisterCatenaService.class);
        ArcContainer arc = Arc.container();
        ChatModel model = spec.model().isEmpty()
                ? arc.select(ChatModel.class).get()
                : arc.select(ChatModel.class, NamedLiteral.of(spec.model())).get();
        AiServices<?> builder = AiServices.builder(service).chatModel(model);
        if (model instanceof StreamingChatModel streaming) builder.streamingChatModel(streaming);
        for (Class<?> tool : spec.tools()) builder.tools(arc.select(tool).get());
        if (spec.mcpClients().length > 0) builder.toolProvider(McpServiceTools.of(service.getName(), spec.mcpClients()));
        if (usesMemoryId(service)) {
            ConversationStoreChatMemoryStore store = new ConversationStoreChatMemoryStore(arc.select(ConversationStore.class).get());
            int maxMessages = config.memory().maxMessages();
            builder.chatMemoryProvider(id -> MessageWindowChatMemory.builder().id(id).maxMessages(maxMessages).chatMemoryStore(store).build());
        }
        return builder.build();
    }

    private static boolean usesMemoryId(Class<?> service) {
        for (Method m : service.getMethods()) {
            for (Parameter p : m.getParameters()) {
                if (p.isAnnotationPresent(MemoryId.class)) return true;
            }
        }
        return false;
    }
}
