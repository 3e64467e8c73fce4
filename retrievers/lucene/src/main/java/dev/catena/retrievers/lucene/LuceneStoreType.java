package dev.catena.retrievers.lucene;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

/** {@code kind: Store, type: lucene}: the embedded Lucene store (HNSW vectors plus BM25 text), on disk or in memory. */
public final class LuceneStoreType extends AbstractComponentType<LuceneStoreType.Spec, EmbeddingStore<TextSegment>> {

    /** The fields of a {@code lucene} store. */
    public record Spec(
            @JsonProperty(required = true) @JsonPropertyDescription("Vector dimension, e.g. 384 for all-MiniLM-L6-v2") int dimension,
            @JsonPropertyDescription("Index directory relative to this file; omitted: in memory") String path) {}

    public LuceneStoreType() {
        super("Store", "lucene", Spec.class, EmbeddingStore.class, "Embedded Lucene index (HNSW + BM25), on disk or in memory");
    }

    @Override
    public EmbeddingStore<TextSegment> create(Spec s, ComponentContext ctx) {
        LuceneEmbeddingStore.Builder b = LuceneEmbeddingStore.builder().dimension(s.dimension());
        return (s.path() == null ? b.inMemory() : b.directory(ctx.path(s.path()))).build();
    }
}
