package dev.catena.memory;

import dev.catena.memory.store.ConversationStore;
import dev.catena.memory.store.InMemoryConversationStore;
import dev.langchain4j.data.message.ChatMessage;

import java.util.List;

/** Sends the whole conversation to the model. */
public final class BufferMemory extends StoredConversationMemory {

    public BufferMemory(ConversationStore store) {
        super(store);
    }

    /** A buffer memory over an in-memory store. */
    public static BufferMemory inMemory() {
        return new BufferMemory(new InMemoryConversationStore());
    }

    @Override
    protected List<ChatMessage> view(String conversationId, List<ChatMessage> history) {
        return history;
    }
}
