package dev.catena.retrievers.chroma;

import dev.catena.retrievers.store.AbstractEmbeddingStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.retrievers.store.MetadataCodec;
import dev.catena.retrievers.store.StoreException;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A LangChain4j {@link EmbeddingStore} in one Chroma collection (HNSW, cosine space), reached over
 * the v2 REST API with {@link ChromaClient}.
 *
 * <p>Adding an id that is present replaces it (upsert). Scores are LangChain4j's relevance
 * {@code (1 + cosine) / 2}, computed from Chroma's cosine distance as {@code 1 - distance / 2}.
 * Metadata keeps its Java types: their letters are stored in the reserved metadata key
 * {@value #TYPES_KEY}, which is hidden from callers. Filters are translated by {@link ChromaWhere}.
 * Every server failure is a {@link dev.catena.retrievers.store.StoreException} naming the URL and
 * collection.
 */
public final class ChromaEmbeddingStore extends AbstractEmbeddingStore implements AutoCloseable {

    /** Reserved metadata key holding the Java type letters of the other keys ({@link MetadataCodec}). */
    public static final String TYPES_KEY = "catena_types";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INCLUDE_ALL = List.of("embeddings", "documents", "metadatas");

    private final ChromaClient client;
    private final ChromaCollection collection;
    private final Integer dimension;
    private final int batchSize;

    private ChromaEmbeddingStore(Builder b) {
        this.client = b.connection.build();
        this.dimension = b.dimension;
        this.batchSize = b.batchSize;
        try {
            client.ensureTenantAndDatabase();
            this.collection = client.getOrCreateCollection(b.collection, "cosine");
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        if (!"cosine".equals(collection.space())) {
            client.close();
            throw new StoreException("Chroma at " + client.url() + ", collection '" + b.collection + "' uses the '"
                    + collection.space() + "' space; ChromaEmbeddingStore needs a 'cosine' collection");
        }
    }

    /** Starts a builder; the connection (at least its base URL) and the collection are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The collection this store writes to. */
    public ChromaCollection collection() {
        return collection;
    }

    /** The number of entries in the collection. */
    public int size() {
        return client.count(collection);
    }





    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        checkSizes(where(), ids, embeddings, segments);
        if (ids.isEmpty()) {
            return;
        }
        List<float[]> vectors = new ArrayList<>(ids.size());
        List<String> documents = new ArrayList<>(ids.size());
        List<Map<String, Object>> metadatas = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            Objects.requireNonNull(ids.get(i), "id " + i);
            float[] vector = Objects.requireNonNull(embeddings.get(i), "embedding of " + ids.get(i)).vector();
            if (dimension != null && vector.length != dimension) {
                throw new IllegalArgumentException(where() + ": embedding of '" + ids.get(i) + "' has dimension "
                        + vector.length + ", the store expects " + dimension);
            }
            vectors.add(vector);
            TextSegment segment = segments == null ? null : segments.get(i);
            documents.add(segment == null ? null : segment.text());
            metadatas.add(segment == null ? null : toChroma(ids.get(i), segment.metadata()));
        }
        ChromaRecords records = new ChromaRecords(ids, vectors, documents, metadatas);
        for (int from = 0; from < records.size(); from += batchSize) {
            client.upsert(collection, records.slice(from, Math.min(records.size(), from + batchSize)));
        }
    }

    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException(where() + ": removeAll needs at least one id");
        }
        List<String> list = List.copyOf(ids);
        for (int from = 0; from < list.size(); from += batchSize) {
            client.delete(collection, list.subList(from, Math.min(list.size(), from + batchSize)), null);
        }
    }

    @Override
    public void removeAll(Filter filter) {
        Objects.requireNonNull(filter, "filter");
        client.delete(collection, null, ChromaWhere.of(filter));
    }

    @Override
    public void removeAll() {
        while (true) {
            ChromaRecords page = client.get(collection, null, null, batchSize, 0, List.of());
            if (page.size() == 0) {
                return;
            }
            client.delete(collection, page.ids(), null);
        }
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        float[] vector = request.queryEmbedding().vector();
        if (dimension != null && vector.length != dimension) {
            throw new IllegalArgumentException(where() + ": query embedding has dimension " + vector.length
                    + ", the store expects " + dimension);
        }
        Map<String, Object> where = ChromaWhere.of(request.filter());
        ChromaQueryResult result = client.query(collection, vector, request.maxResults(), where, INCLUDE_ALL);
        ChromaRecords records = result.records();
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            double score = Math.max(0.0, Math.min(1.0, 1.0 - result.distances().get(i) / 2.0));
            if (score < request.minScore()) {
                continue;
            }
            String document = records.documents() == null ? null : records.documents().get(i);
            Map<String, Object> metadata = records.metadatas() == null ? null : records.metadatas().get(i);
            TextSegment segment = document == null ? null : TextSegment.from(document, fromChroma(metadata));
            Embedding embedding = records.embeddings() == null || records.embeddings().get(i) == null
                    ? null : new Embedding(records.embeddings().get(i));
            matches.add(new EmbeddingMatch<>(score, records.ids().get(i), embedding, segment));
        }
        return new EmbeddingSearchResult<>(matches);
    }

    /** Releases the HTTP client; the collection stays on the server. */
    @Override
    public void close() {
        client.close();
    }

    private String where() {
        return "Chroma at " + client.url() + ", collection '" + collection.name() + "'";
    }

    private Map<String, Object> toChroma(String id, Metadata metadata) {
        if (metadata.containsKey(TYPES_KEY)) {
            throw new IllegalArgumentException(where() + ": metadata of '" + id + "' uses the reserved key '" + TYPES_KEY + "'");
        }
        Map<String, Object> values = new LinkedHashMap<>(MetadataCodec.plainValues(metadata));
        if (values.isEmpty()) {
            return null;
        }
        try {
            values.put(TYPES_KEY, JSON.writeValueAsString(MetadataCodec.types(metadata)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return values;
    }

    private Metadata fromChroma(Map<String, Object> values) {
        if (values == null) {
            return new Metadata();
        }
        Map<String, Object> plain = new LinkedHashMap<>(values);
        Object typesJson = plain.remove(TYPES_KEY);
        Map<String, String> types = Map.of();
        if (typesJson instanceof String text) {
            try {
                types = JSON.readValue(text, new TypeReference<>() {});
            } catch (JsonProcessingException e) {
                throw new StoreException(where() + ": reserved metadata key '" + TYPES_KEY + "' holds invalid JSON: " + text, e);
            }
        }
        plain.replaceAll((key, value) -> value instanceof Boolean b ? b.toString() : value);
        return MetadataCodec.restore(plain, types);
    }

    /**
     * Builds a {@link ChromaEmbeddingStore}; opening it creates tenant, database and collection if absent.
     * Where and how to connect (URL, tenant, database, token, timeouts) is a {@link ChromaClient.Builder}.
     */
    public static final class Builder {
        private ChromaClient.Builder connection;
        private String collection;
        private Integer dimension;
        private int batchSize = 500;

        private Builder() {}

        /** The server to use, e.g. {@code ChromaClient.builder().baseUrl("http://127.0.0.1:8000")}; required. */
        public Builder connection(ChromaClient.Builder connection) {
            this.connection = Objects.requireNonNull(connection, "connection");
            return this;
        }

        /** The collection name (3-512 characters of {@code [a-zA-Z0-9._-]}); required. */
        public Builder collection(String collection) {
            this.collection = collection;
            return this;
        }

        /** If set, embeddings of another dimension are rejected before they are sent. */
        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /** Records per upsert or delete request; default 500. */
        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("Chroma batch size must be positive, was " + batchSize);
            }
            this.batchSize = batchSize;
            return this;
        }

        public ChromaEmbeddingStore build() {
            if (connection == null || collection == null) {
                throw new IllegalStateException("ChromaEmbeddingStore needs a connection and a collection (was "
                        + (connection == null ? "no connection" : "a connection") + ", " + collection + ")");
            }
            return new ChromaEmbeddingStore(this);
        }
    }
}
