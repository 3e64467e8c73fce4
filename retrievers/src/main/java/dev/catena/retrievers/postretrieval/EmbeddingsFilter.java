package dev.catena.retrievers.postretrieval;

import dev.catena.retrievers.splitter.SentenceSplitter;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.CosineSimilarity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Contextual compression without an LLM: splits each passage into sentences, embeds them and keeps
 * the sentences whose cosine similarity to the query is at least {@code threshold} (in their
 * original order). A passage with no such sentence is dropped.
 */
public final class EmbeddingsFilter implements ContentPostProcessor {

    private final EmbeddingModel model;
    private final double threshold;

    private EmbeddingsFilter(EmbeddingModel model, double threshold) {
        this.model = Objects.requireNonNull(model, "model");
        if (threshold < -1 || threshold > 1) throw new IllegalArgumentException("threshold must be in [-1, 1], was " + threshold);
        this.threshold = threshold;
    }

    public static EmbeddingsFilter of(EmbeddingModel model, double threshold) {
        return new EmbeddingsFilter(model, threshold);
    }

    @Override
    public List<Content> process(Query query, List<Content> contents) {
        Embedding q = model.embed(query.text()).content();
        List<Content> out = new ArrayList<>();
        for (Content c : contents) {
            String text = c.textSegment().text();
            List<TextSegment> sentences = SentenceSplitter.sentences(text).stream()
                    .map(s -> text.substring(s.start(), s.end()).strip()).filter(s -> !s.isEmpty())
                    .map(TextSegment::from).toList();
            if (sentences.isEmpty()) continue;
            List<Embedding> vectors = model.embedAll(sentences).content();
            StringBuilder kept = new StringBuilder();
            for (int i = 0; i < sentences.size(); i++) {
                if (CosineSimilarity.between(q, vectors.get(i)) >= threshold) {
                    if (!kept.isEmpty()) kept.append(' ');
                    kept.append(sentences.get(i).text());
                }
            }
            if (kept.isEmpty()) continue;
            out.add(Content.from(TextSegment.from(kept.toString(), c.textSegment().metadata()), c.metadata()));
        }
        return out;
    }
}
