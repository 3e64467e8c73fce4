package dev.catena.retrievers.chroma;

import java.util.List;

/**
 * The nearest records to one query embedding, nearest first.
 *
 * @param records the records found, with what the query asked to include
 * @param distances the distance of each record to the query in the collection's space
 */
public record ChromaQueryResult(ChromaRecords records, List<Double> distances) {}
