package dev.catena.retrievers.chroma.fuzz;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.retrievers.store.StoreException;
import dev.catena.retrievers.chroma.ChromaQueryResult;
import dev.catena.retrievers.chroma.ChromaRecords;
import dev.catena.retrievers.chroma.ChromaResponses;
import java.nio.charset.StandardCharsets;

/**
 * Fuzz target: a Chroma server's answer (untrusted JSON) through {@link ChromaResponses}. Decoding
 * documents only {@link StoreException}; what it returns has one distance and one element of every
 * included list per id.
 */
public final class ChromaResponsesFuzzer {
    private ChromaResponsesFuzzer() {}

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Warms up before the per-input timeout applies. */
    public static void fuzzerInitialize() {
        fuzzerTestOneInput("{\"ids\":[[\"a\"]],\"distances\":[[0.5]],\"documents\":[[\"x\"]],\"metadatas\":[[{\"k\":1}]]}"
                .getBytes(StandardCharsets.UTF_8));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        ChromaResponses.errorMessage(text);
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            return;
        }
        try {
            ChromaRecords records = ChromaResponses.records(node, "fuzz get");
            check(records, text);
        } catch (StoreException expected) {
            // documented
        }
        try {
            ChromaQueryResult result = ChromaResponses.query(node, "fuzz query");
            check(result.records(), text);
            if (result.distances().size() != result.records().size()) {
                throw new IllegalStateException("distances do not match ids for: " + text);
            }
        } catch (StoreException expected) {
            // documented
        }
    }

    private static void check(ChromaRecords records, String text) {
        int n = records.size();
        if (records.ids().contains(null)
                || (records.embeddings() != null && records.embeddings().size() != n)
                || (records.documents() != null && records.documents().size() != n)
                || (records.metadatas() != null && records.metadatas().size() != n)) {
            throw new IllegalStateException("inconsistent records for: " + text);
        }
    }
}
