package dev.catena.chains;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Embeds text as counts of its words (longer than two letters) hashed into 64 buckets; counts texts embedded. */
public final class BagOfWordsEmbeddingModel implements EmbeddingModel {

    private final AtomicInteger embedded = new AtomicInteger();

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        embedded.addAndGet(segments.size());
        return Response.from(segments.stream().map(s -> {
            float[] v = new float[64];
            for (String w : s.text().toLowerCase(Locale.ROOT).split("[^a-z]+")) {
                if (w.length() > 2) v[Math.floorMod(w.hashCode(), 64)]++;
            }
            return Embedding.from(v);
        }).toList());
    }

    /** How many texts were embedded so far. */
    public int embedded() {
        return embedded.get();
    }
}
