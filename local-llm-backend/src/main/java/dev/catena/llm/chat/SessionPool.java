package dev.catena.llm.chat;

import dev.catena.llm.model.KvCacheType;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.Session;

import java.util.ArrayList;
import java.util.List;

/**
 * Idle sessions of one model kept for reuse. A request takes the idle session whose processed tokens
 * share the longest prefix with its prompt, so the next turn of a conversation, or the next step of a
 * ReAct loop, only computes its new suffix ({@link Session#prefill} truncates the KV cache to the shared
 * prefix). At most {@code capacity} sessions (each a full KV cache) are kept; 0 turns reuse off.
 * Thread-safe: a session is used by one request at a time.
 */
final class SessionPool {

    private final Model model;
    private final int contextLength;
    private final int capacity;
    private final KvCacheType kvCache;
    private final List<Session> idle = new ArrayList<>();

    SessionPool(Model model, int contextLength, int capacity, KvCacheType kvCache) {
        if (capacity < 0) {
            throw new IllegalArgumentException("session cache size must be at least 0, was " + capacity);
        }
        this.model = model;
        this.contextLength = contextLength;
        this.capacity = capacity;
        this.kvCache = kvCache;
    }

    /** The idle session sharing the longest prefix with {@code prompt}, or a new one. */
    synchronized Session take(int[] prompt) {
        int best = -1;
        int bestCommon = -1;
        for (int i = 0; i < idle.size(); i++) {
            int common = idle.get(i).sharedPrefix(prompt);
            if (common > bestCommon) {
                best = i;
                bestCommon = common;
            }
        }
        return best >= 0 ? idle.remove(best) : model.newSession(contextLength, kvCache);
    }

    /** Returns a session whose state is consistent (its request ended normally or was cancelled). */
    synchronized void give(Session session) {
        if (capacity == 0) {
            return;
        }
        if (idle.size() >= capacity) {
            idle.removeFirst(); // the least recently returned
        }
        idle.add(session);
    }
}
