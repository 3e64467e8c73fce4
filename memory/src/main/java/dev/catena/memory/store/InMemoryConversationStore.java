package dev.catena.memory.store;

import dev.langchain4j.data.message.ChatMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Keeps conversations in a map; lost when the process ends. */
public final class InMemoryConversationStore implements ConversationStore {

    private final Map<String, List<ChatMessage>> conversations = new ConcurrentHashMap<>();
    private final Map<String, Instant> modified = new ConcurrentHashMap<>();

    @Override
    public List<ChatMessage> load(String conversationId) {
        List<ChatMessage> messages = conversations.get(conversationId);
        if (messages == null) return List.of();
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }

    @Override
    public void append(String conversationId, List<? extends ChatMessage> messages) {
        List<ChatMessage> list = conversations.computeIfAbsent(conversationId, k -> new ArrayList<>());
        synchronized (list) {
            list.addAll(messages);
        }
        modified.put(conversationId, Instant.now());
    }

    @Override
    public void replace(String conversationId, List<? extends ChatMessage> messages) {
        conversations.put(conversationId, new ArrayList<>(messages));
        modified.put(conversationId, Instant.now());
    }

    @Override
    public void delete(String conversationId) {
        conversations.remove(conversationId);
        modified.remove(conversationId);
    }

    @Override
    public Set<String> conversationIds() {
        return Set.copyOf(conversations.keySet());
    }

    @Override
    public Instant lastModified(String conversationId) {
        return modified.get(conversationId);
    }
}
