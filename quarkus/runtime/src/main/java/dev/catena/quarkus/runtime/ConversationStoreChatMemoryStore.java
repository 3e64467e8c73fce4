package dev.catena.quarkus.runtime;

import dev.catena.memory.store.ConversationStore;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.store.memory.chat.ChatMemoryStore;

import java.util.List;

/** A Catena {@link ConversationStore} as LangChain4j's {@link ChatMemoryStore}: memory ids are conversation ids. */
public final class ConversationStoreChatMemoryStore implements ChatMemoryStore {

    private final ConversationStore store;

    public ConversationStoreChatMemoryStore(ConversationStore store) {
        this.store = store;
    }

    @Override
    public List<ChatMessage> getMessages(Object memoryId) {
        return store.load(String.valueOf(memoryId));
    }

    @Override
    public void updateMessages(Object memoryId, List<ChatMessage> messages) {
        store.replace(String.valueOf(memoryId), messages);
    }

    @Override
    public void deleteMessages(Object memoryId) {
        store.delete(String.valueOf(memoryId));
    }
}
