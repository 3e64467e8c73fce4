package dev.catena.retrievers.store;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The convenience overloads of LangChain4j's {@link EmbeddingStore}, all routed to one method: a store
 * implements {@link #addAll(List, List, List)} (ids, embeddings and optional segments) and the searches
 * and removals; adding with generated ids, one at a time or without segments comes from here.
 */
public abstract class AbstractEmbeddingStore implements EmbeddingStore<TextSegment> {

    @Override
    public final String add(Embedding embedding) {
        String id = UUID.randomUUID().toString();
        add(id, embedding);
        return id;
    }

    @Override
    public final void add(String id, Embedding embedding) {
        addAll(List.of(id), List.of(embedding), null);
    }

    @Override
    public final String add(Embedding embedding, TextSegment segment) {
        String id = UUID.randomUUID().toString();
        addAll(List.of(id), List.of(embedding), List.of(segment));
        return id;
    }

    @Override
    public final List<String> addAll(List<Embedding> embeddings) {
        List<String> ids = generateIds(embeddings.size());
        addAll(ids, embeddings, null);
        return ids;
    }

    @Override
    public final List<String> addAll(List<Embedding> embeddings, List<TextSegment> segments) {
        List<String> ids = generateIds(embeddings.size());
        addAll(ids, embeddings, segments);
        return ids;
    }

    /**
     * Checks that ids, embeddings and (when given) segments line up.
     *
     * @param where the store, for the message (e.g. {@code Chroma collection docs at http://...})
     * @throws IllegalArgumentException when the sizes differ
     */
    protected static void checkSizes(String where, List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        Objects.requireNonNull(ids, "ids");
        Objects.requireNonNull(embeddings, "embeddings");
        if (ids.size() != embeddings.size() || (segments != null && segments.size() != ids.size())) {
            throw new IllegalArgumentException(where + ": " + ids.size() + " ids, " + embeddings.size() + " embeddings and "
                    + (segments == null ? "no" : segments.size()) + " segments: the lists must have the same size");
        }
    }
}
