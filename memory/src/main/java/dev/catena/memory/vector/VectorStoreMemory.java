package dev.catena.memory.vector;

import dev.catena.memory.QueryAwareMemory;
import dev.catena.memory.StoredConversationMemory;
import dev.catena.memory.SystemContext;
import dev.catena.memory.Transcript;
import dev.catena.memory.store.ConversationStore;
import dev.catena.memory.window.ProtocolSafeWindow;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.MetadataFilterBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Recalls relevant past turns by similarity: every stored turn is embedded into an embedding store
 * (tagged with its conversation id); for a question, the most similar earlier turns are added to the
 * system message, followed by the newest {@code recentMessages} messages verbatim.
 */
public final class VectorStoreMemory extends StoredConversationMemory implements QueryAwareMemory {

    /** Metadata key holding the conversation id of an indexed turn. */
    public static final String CONVERSATION_ID = "conversation_id";

    private final EmbeddingModel embeddings;
    private final EmbeddingStore<TextSegment> index;
    private final int recentMessages;
    private final int recalledTurns;
    private final double minScore;

    public VectorStoreMemory(ConversationStore store, EmbeddingModel embeddings, EmbeddingStore<TextSegment> index,
                             int recentMessages, int recalledTurns, double minScore) {
        super(store);
        if (recentMessages < 1) throw new IllegalArgumentException("recentMessages must be at least 1, was " + recentMessages);
        if (recalledTurns < 0) throw new IllegalArgumentException("recalledTurns must be >= 0, was " + recalledTurns);
        this.embeddings = embeddings;
        this.index = index;
        this.recentMessages = recentMessages;
        this.recalledTurns = recalledTurns;
        this.minScore = minScore;
    }

    @Override
    protected List<ChatMessage> view(String conversationId, List<ChatMessage> history) {
        return ProtocolSafeWindow.lastMessages(history, recentMessages);
    }

    @Override
    public List<ChatMessage> messages(String conversationId, String query) {
        return inConversation(conversationId, () -> {
            List<ChatMessage> recent = view(conversationId, store().load(conversationId));
            if (recalledTurns == 0 || query == null || query.isBlank()) return recent;
            Set<String> recentText = recent.isEmpty() ? Set.of()
                    : Set.of(Transcript.render(ProtocolSafeWindow.withoutSystem(recent)));
            List<EmbeddingMatch<TextSegment>> matches = index.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(embeddings.embed(query).content())
                    .maxResults(recalledTurns + 2)
                    .minScore(minScore)
                    .filter(MetadataFilterBuilder.metadataKey(CONVERSATION_ID).isEqualTo(conversationId))
                    .build()).matches();
            List<String> recalled = matches.stream().map(m -> m.embedded().text())
                    .filter(t -> recentText.stream().noneMatch(r -> r.contains(t)))
                    .limit(recalledTurns).toList();
            if (recalled.isEmpty()) return recent;
            String context = "Relevant earlier parts of this conversation:\n" + recalled.stream()
                    .map(t -> "---\n" + t).collect(Collectors.joining("\n"));
            List<ChatMessage> out = new ArrayList<>();
            out.add(SystemContext.merge(ProtocolSafeWindow.systemMessage(recent), context));
            out.addAll(ProtocolSafeWindow.withoutSystem(recent));
            return out;
        });
    }

    @Override
    protected void afterAdd(String conversationId, List<? extends ChatMessage> turn, List<ChatMessage> history) {
        String text = Transcript.render(turn);
        if (text.isBlank()) return;
        TextSegment segment = TextSegment.from(text, Metadata.from(CONVERSATION_ID, conversationId));
        index.add(embeddings.embed(segment).content(), segment);
    }

    @Override
    protected void onClear(String conversationId) {
        index.removeAll(MetadataFilterBuilder.metadataKey(CONVERSATION_ID).isEqualTo(conversationId));
    }
}
