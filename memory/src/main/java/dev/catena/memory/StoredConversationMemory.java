package dev.catena.memory;

import dev.catena.core.memory.ConversationMemory;
import dev.catena.memory.store.ConversationStore;
import dev.langchain4j.data.message.ChatMessage;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Base of the memory types: turns go to a {@link ConversationStore}; what is sent to the model is
 * {@link #view} of the stored history. A conversation's lock (one of a fixed set of stripes, so
 * memory use stays bounded with many conversations) serializes adds and {@link #inConversation}
 * work on one id; different ids run in parallel.
 */
public abstract class StoredConversationMemory implements ConversationMemory {

    private static final int STRIPES = 256;

    private final ConversationStore store;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    protected StoredConversationMemory(ConversationStore store) {
        this.store = Objects.requireNonNull(store, "store");
        for (int i = 0; i < STRIPES; i++) locks[i] = new ReentrantLock();
    }

    /** The store behind this memory. */
    public ConversationStore store() {
        return store;
    }

    /** What the model sees, given the whole stored history of a conversation. */
    protected abstract List<ChatMessage> view(String conversationId, List<ChatMessage> history);

    /** Called under the conversation's lock after a turn is stored (summaries, indexes). */
    protected void afterAdd(String conversationId, List<? extends ChatMessage> turn, List<ChatMessage> history) {}

    @Override
    public List<ChatMessage> messages(String conversationId) {
        return inConversation(conversationId, () -> view(conversationId, store.load(conversationId)));
    }

    @Override
    public void add(String conversationId, List<? extends ChatMessage> turn) {
        Objects.requireNonNull(turn, "turn");
        inConversation(conversationId, () -> {
            store.append(conversationId, turn);
            afterAdd(conversationId, turn, store.load(conversationId));
            return null;
        });
    }

    @Override
    public void clear(String conversationId) {
        inConversation(conversationId, () -> {
            store.delete(conversationId);
            onClear(conversationId);
            return null;
        });
    }

    /** Called under the conversation's lock when it is cleared. */
    protected void onClear(String conversationId) {}

    @Override
    public <T> T inConversation(String conversationId, Supplier<T> work) {
        if (conversationId == null || conversationId.isEmpty()) {
            throw new IllegalArgumentException("conversationId must not be empty");
        }
        ReentrantLock lock = locks[Math.floorMod(conversationId.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }
}
