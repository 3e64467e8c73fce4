package dev.catena.retrievers.chroma;

/**
 * A Chroma collection as the server describes it.
 *
 * @param id the server-assigned collection id used in record URLs
 * @param name the collection name
 * @param space the HNSW distance function ({@code cosine}, {@code l2}, {@code ip}); {@code l2} when the server names none
 */
public record ChromaCollection(String id, String name, String space) {}
