package dev.catena.memory.window;

import dev.catena.memory.StoredConversationMemory;
import dev.catena.memory.store.ConversationStore;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.TokenCountEstimator;

import java.util.List;

/**
 * Sends the newest messages that fit in {@code maxTokens}, counted by a {@link TokenCountEstimator}:
 * the model's real tokenizer for a local model, {@link CharacterTokenEstimator} otherwise.
 */
public final class TokenWindowMemory extends StoredConversationMemory {

    private final int maxTokens;
    private final TokenCountEstimator estimator;

    public TokenWindowMemory(ConversationStore store, int maxTokens, TokenCountEstimator estimator) {
        super(store);
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        this.maxTokens = maxTokens;
        this.estimator = estimator;
    }

    @Override
    protected List<ChatMessage> view(String conversationId, List<ChatMessage> history) {
        return ProtocolSafeWindow.lastTokens(history, maxTokens, estimator);
    }
}
