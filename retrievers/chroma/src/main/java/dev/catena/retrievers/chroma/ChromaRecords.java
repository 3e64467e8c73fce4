package dev.catena.retrievers.chroma;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Records as the Chroma API carries them: parallel lists, one element per id. Lists other than
 * {@code ids} may be {@code null} when not sent or not included; an element may be {@code null}
 * (no document, no metadata).
 *
 * @param ids record ids
 * @param embeddings vectors, or {@code null}
 * @param documents texts, or {@code null}
 * @param metadatas flat metadata maps (string, integer, float or boolean values), or {@code null}
 */
public record ChromaRecords(List<String> ids, List<float[]> embeddings, List<String> documents,
                            List<Map<String, Object>> metadatas) {

    /** Checks that every non-null list has one element per id. */
    public ChromaRecords {
        Objects.requireNonNull(ids, "ids");
        check("embeddings", embeddings, ids.size());
        check("documents", documents, ids.size());
        check("metadatas", metadatas, ids.size());
    }

    private static void check(String name, List<?> list, int size) {
        if (list != null && list.size() != size) {
            throw new IllegalArgumentException("Chroma records: " + size + " ids but " + list.size() + " " + name);
        }
    }

    /** The number of records. */
    public int size() {
        return ids.size();
    }

    /** Records {@code from} (inclusive) to {@code to} (exclusive). */
    public ChromaRecords slice(int from, int to) {
        return new ChromaRecords(ids.subList(from, to), embeddings == null ? null : embeddings.subList(from, to),
                documents == null ? null : documents.subList(from, to), metadatas == null ? null : metadatas.subList(from, to));
    }
}
