package dev.catena.chains;

import dev.catena.core.memory.ConversationMemory;
import dev.langchain4j.data.message.ChatMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/** A conversation memory for tests: keeps every message, one lock per conversation, and a log of calls. */
public final class LockingMemory implements ConversationMemory {

    private final Map<String, List<ChatMessage>> conversations = new ConcurrentHashMap<>();
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** "load id n" / "save id n" / "lock id" / "unlock id", in the order they happened. */
    public final List<String> log = new CopyOnWriteArrayList<>();

    @Override
    public List<ChatMessage> messages(String conversationId) {
        List<ChatMessage> m = List.copyOf(conversations.getOrDefault(conversationId, List.of()));
        log.add("load " + conversationId + " " + m.size());
        return m;
    }

    @Override
    public void add(String conversationId, List<? extends ChatMessage> turn) {
        conversations.computeIfAbsent(conversationId, k -> new ArrayList<>()).addAll(turn);
        log.add("save " + conversationId + " " + turn.size());
    }

    @Override
    public void clear(String conversationId) {
        conversations.remove(conversationId);
    }

    @Override
    public <T> T inConversation(String conversationId, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(conversationId, k -> new ReentrantLock());
        lock.lock();
        try {
            log.add("lock " + conversationId);
            try {
                return work.get();
            } finally {
                log.add("unlock " + conversationId);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The stored messages of a conversation. */
    public List<ChatMessage> stored(String conversationId) {
        return List.copyOf(conversations.getOrDefault(conversationId, List.of()));
    }
}
