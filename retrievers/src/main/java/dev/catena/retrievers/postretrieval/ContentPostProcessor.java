package dev.catena.retrievers.postretrieval;

import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;

import java.util.List;

/**
 * Works on retrieved content before it reaches the prompt: re-ranks, filters or compresses it.
 * Wrap a retriever with {@link PostProcessingRetriever} to apply one.
 */
@FunctionalInterface
public interface ContentPostProcessor {

    List<Content> process(Query query, List<Content> contents);
}
