package dev.catena.retrievers.ingest;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** A fast deterministic test embedder: hashed bag of words (64 dims); can fail on a chosen call. */
public final class WordHashEmbeddingModel implements EmbeddingModel {

    public final AtomicInteger calls = new AtomicInteger();
    public final AtomicInteger embedded = new AtomicInteger();
    public volatile int failOnCall = -1;

    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        int call = calls.incrementAndGet();
        if (call == failOnCall) throw new IllegalStateException("embedding service unavailable (call " + call + ")");
        List<Embedding> out = new ArrayList<>();
        for (TextSegment s : segments) {
            float[] v = new float[64];
            for (String w : s.text().toLowerCase(Locale.ROOT).split("\\W+")) {
                if (!w.isEmpty()) v[Math.floorMod(w.hashCode(), 64)] += 1;
            }
            v[0] += 0.01f;
            out.add(normalized(v));
        }
        embedded.addAndGet(segments.size());
        return Response.from(out);
    }

    private static Embedding normalized(float[] v) {
        Embedding e = Embedding.from(v);
        e.normalize();
        return e;
    }

    @Override
    public int dimension() {
        return 64;
    }
}
