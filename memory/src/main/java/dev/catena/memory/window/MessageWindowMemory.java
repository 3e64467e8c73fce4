package dev.catena.memory.window;

import dev.catena.memory.StoredConversationMemory;
import dev.catena.memory.store.ConversationStore;
import dev.langchain4j.data.message.ChatMessage;

import java.util.List;

/** Sends the newest {@code maxMessages} messages (cut at a turn boundary; the system message stays). */
public final class MessageWindowMemory extends StoredConversationMemory {

    private final int maxMessages;

    public MessageWindowMemory(ConversationStore store, int maxMessages) {
        super(store);
        if (maxMessages < 1) throw new IllegalArgumentException("maxMessages must be at least 1, was " + maxMessages);
        this.maxMessages = maxMessages;
    }

    @Override
    protected List<ChatMessage> view(String conversationId, List<ChatMessage> history) {
        return ProtocolSafeWindow.lastMessages(history, maxMessages);
    }
}
