package dev.catena.chains;

import dev.catena.core.retrieval.Retriever;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** A retriever over texts in memory: ranks by the number of query words (plural 's' ignored) a text contains; records queries. */
public final class InMemoryRetriever implements Retriever {

    private final List<TextSegment> segments = new ArrayList<>();
    private final int maxResults;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    public InMemoryRetriever(int maxResults, String... texts) {
        this.maxResults = maxResults;
        for (int i = 0; i < texts.length; i++) segments.add(TextSegment.from(texts[i], Metadata.from("id", "doc" + i)));
    }

    @Override
    public List<Content> retrieve(Query query) {
        queries.add(query.text());
        Set<String> words = words(query.text());
        record Scored(TextSegment segment, long score) {}
        return segments.stream()
                .map(s -> new Scored(s, words(s.text()).stream().filter(words::contains).count()))
                .filter(s -> s.score() > 0)
                .sorted(Comparator.comparingLong(Scored::score).reversed())
                .limit(maxResults)
                .map(s -> Content.from(s.segment()))
                .toList();
    }

    /** The queries received, in order. */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    private static Set<String> words(String text) {
        return Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(w -> w.length() > 2)
                .map(w -> w.endsWith("s") ? w.substring(0, w.length() - 1) : w) // "refunds" finds "refund"
                .collect(Collectors.toSet());
    }
}
