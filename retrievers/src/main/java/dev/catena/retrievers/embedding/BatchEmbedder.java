package dev.catena.retrievers.embedding;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Embeds segments through any LangChain4j {@link EmbeddingModel} in batches of at most
 * {@code batchSize}, so that memory stays bounded by one batch of embeddings when the segments come
 * from an iterator. A model that returns the wrong number of embeddings is an error naming the batch.
 */
public final class BatchEmbedder {

    /** Receives each batch of segments with their embeddings, in order. */
    @FunctionalInterface
    public interface BatchSink {
        void accept(List<TextSegment> segments, List<Embedding> embeddings);
    }

    private final EmbeddingModel model;
    private final int batchSize;

    private BatchEmbedder(EmbeddingModel model, int batchSize) {
        this.model = Objects.requireNonNull(model, "model");
        if (batchSize <= 0) throw new IllegalArgumentException("batchSize must be positive, was " + batchSize);
        this.batchSize = batchSize;
    }

    public static BatchEmbedder of(EmbeddingModel model, int batchSize) {
        return new BatchEmbedder(model, batchSize);
    }

    public EmbeddingModel model() {
        return model;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Embeds one batch (at most {@link #batchSize()} segments) and checks the result. */
    public List<Embedding> embedBatch(List<TextSegment> batch) {
        if (batch.size() > batchSize) {
            throw new IllegalArgumentException("batch of " + batch.size() + " exceeds batchSize " + batchSize);
        }
        if (batch.isEmpty()) return List.of();
        List<Embedding> embeddings = model.embedAll(batch).content();
        if (embeddings == null || embeddings.size() != batch.size()) {
            throw new IllegalStateException("embedding model " + model.getClass().getSimpleName() + " returned "
                    + (embeddings == null ? "no" : embeddings.size()) + " embeddings for " + batch.size() + " segments");
        }
        return embeddings;
    }

    /** Embeds every segment, batch by batch, handing each batch to {@code sink} before embedding the next. */
    public void embed(Iterator<TextSegment> segments, BatchSink sink) {
        List<TextSegment> batch = new ArrayList<>(batchSize);
        while (segments.hasNext()) {
            batch.add(segments.next());
            if (batch.size() == batchSize) {
                sink.accept(List.copyOf(batch), embedBatch(batch));
                batch.clear();
            }
        }
        if (!batch.isEmpty()) sink.accept(List.copyOf(batch), embedBatch(batch));
    }

    /** Embeds every segment and returns the embeddings in order. */
    public List<Embedding> embedAll(List<TextSegment> segments) {
        List<Embedding> out = new ArrayList<>(segments.size());
        embed(segments.iterator(), (s, e) -> out.addAll(e));
        return out;
    }
}
