package dev.catena.memory.store;

import dev.catena.memory.window.ProtocolSafeWindow;
import dev.langchain4j.data.message.ChatMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A store with limits: conversations idle for longer than {@code ttl} expire (on read and on
 * {@link #purgeExpired()}), and a conversation longer than {@code maxMessages} is trimmed to its
 * newest turns, never splitting a tool call from its result and keeping a leading system message.
 */
public final class LimitedConversationStore implements ConversationStore {

    private final ConversationStore delegate;
    private final Duration ttl;
    private final int maxMessages;
    private final Clock clock;

    /**
     * @param ttl         idle time after which a conversation expires, or null for none
     * @param maxMessages most messages kept per conversation, or 0 for no limit
     */
    public LimitedConversationStore(ConversationStore delegate, Duration ttl, int maxMessages, Clock clock) {
        if (maxMessages < 0) throw new IllegalArgumentException("maxMessages must be >= 0, was " + maxMessages);
        this.delegate = delegate;
        this.ttl = ttl;
        this.maxMessages = maxMessages;
        this.clock = clock;
    }

    @Override
    public List<ChatMessage> load(String conversationId) {
        if (expired(conversationId)) {
            delegate.delete(conversationId);
            return List.of();
        }
        return delegate.load(conversationId);
    }

    @Override
    public void append(String conversationId, List<? extends ChatMessage> messages) {
        if (expired(conversationId)) delegate.delete(conversationId);
        delegate.append(conversationId, messages);
        if (maxMessages > 0) {
            List<ChatMessage> all = delegate.load(conversationId);
            if (all.size() > maxMessages) {
                delegate.replace(conversationId, ProtocolSafeWindow.lastMessages(all, maxMessages));
            }
        }
    }

    @Override
    public void replace(String conversationId, List<? extends ChatMessage> messages) {
        delegate.replace(conversationId, messages);
    }

    @Override
    public void delete(String conversationId) {
        delegate.delete(conversationId);
    }

    @Override
    public Set<String> conversationIds() {
        return delegate.conversationIds();
    }

    @Override
    public Instant lastModified(String conversationId) {
        return delegate.lastModified(conversationId);
    }

    /** Deletes every expired conversation; returns how many. */
    public int purgeExpired() {
        int n = 0;
        for (String id : delegate.conversationIds()) {
            if (expired(id)) {
                delegate.delete(id);
                n++;
            }
        }
        return n;
    }

    private boolean expired(String conversationId) {
        if (ttl == null) return false;
        Instant last = delegate.lastModified(conversationId);
        return last != null && last.plus(ttl).isBefore(clock.instant());
    }
}
