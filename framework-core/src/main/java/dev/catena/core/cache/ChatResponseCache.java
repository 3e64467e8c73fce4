package dev.catena.core.cache;

import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.Optional;

/** Stores model responses by request key. Implementations are thread-safe. */
public interface ChatResponseCache {

    /** The cached response for {@code key}, if any. */
    Optional<ChatResponse> get(CacheKey key);

    /** Stores {@code response} under {@code key}, replacing any earlier one. */
    void put(CacheKey key, ChatResponse response);

    /** Forgets every entry. */
    void clear();
}
