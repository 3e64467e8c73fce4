package dev.catena.core.cache;

import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** An in-memory cache that evicts the least recently used entry beyond {@code maxEntries}. */
public final class InMemoryChatResponseCache implements ChatResponseCache {

    private final int maxEntries;
    private final LinkedHashMap<CacheKey, ChatResponse> entries;

    public InMemoryChatResponseCache(int maxEntries) {
        if (maxEntries < 1) throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
        this.maxEntries = maxEntries;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<CacheKey, ChatResponse> eldest) {
                return size() > InMemoryChatResponseCache.this.maxEntries;
            }
        };
    }

    @Override
    public synchronized Optional<ChatResponse> get(CacheKey key) {
        return Optional.ofNullable(entries.get(key));
    }

    @Override
    public synchronized void put(CacheKey key, ChatResponse response) {
        entries.put(key, response);
    }

    @Override
    public synchronized void clear() {
        entries.clear();
    }

    /** The number of entries held. */
    public synchronized int size() {
        return entries.size();
    }
}
