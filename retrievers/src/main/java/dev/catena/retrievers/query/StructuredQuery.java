package dev.catena.retrievers.query;

import dev.langchain4j.store.embedding.filter.Filter;

import java.util.Objects;

/** A question split into the text to search for and a metadata filter (null when none applies). */
public record StructuredQuery(String text, Filter filter) {

    public StructuredQuery {
        Objects.requireNonNull(text, "text");
    }
}
