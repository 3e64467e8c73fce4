package dev.catena.retrievers.milvus;

import dev.catena.retrievers.store.AbstractEmbeddingStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.catena.retrievers.store.MetadataCodec;
import dev.catena.retrievers.store.StoreException;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.filter.Filter;
import io.milvus.v2.client.ConnectConfig;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.client.RetryConfig;
import io.milvus.v2.common.ConsistencyLevel;
import io.milvus.v2.common.DataType;
import io.milvus.v2.common.IndexParam;
import io.milvus.v2.service.collection.request.AddFieldReq;
import io.milvus.v2.service.collection.request.CreateCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;
import io.milvus.v2.service.collection.request.LoadCollectionReq;
import io.milvus.v2.service.vector.request.DeleteReq;
import io.milvus.v2.service.vector.request.SearchReq;
import io.milvus.v2.service.vector.request.UpsertReq;
import io.milvus.v2.service.vector.request.data.FloatVec;
import io.milvus.v2.service.vector.response.SearchResp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A LangChain4j {@link EmbeddingStore} in one Milvus collection, through the official Java SDK's
 * v2 client ({@link MilvusClientV2}, gRPC).
 *
 * <p>Collection schema (created if absent): {@code id} VarChar primary key, {@code vector}
 * FloatVector with a COSINE index ({@code AUTOINDEX} by default), {@code text} VarChar (empty for an
 * entry without segment), {@code metadata} JSON (filtered with {@link MilvusFilters}) and
 * {@code types} VarChar (the metadata's Java types, {@link MetadataCodec}). Writes are upserts;
 * searches run at STRONG consistency, so a write is visible to the next search. Scores are
 * {@code (1 + cosine) / 2}.
 *
 * <p>SDK calls used: {@code hasCollection}, {@code createCollection} (schema + index params),
 * {@code loadCollection}, {@code upsert}, {@code delete} (by ids and by expression), {@code search}
 * (with filter and output fields). Every failure is a {@link StoreException} naming the URI and
 * collection; the token is never part of a message. Each call first checks that the server accepts
 * connections ({@link Builder#failFast}), since the SDK otherwise waits for an absent server until
 * the RPC deadline.
 */
public final class MilvusEmbeddingStore extends AbstractEmbeddingStore implements AutoCloseable {

    static final String ID = "id";
    static final String VECTOR = "vector";
    static final String TEXT = "text";
    static final String METADATA = "metadata";
    static final String TYPES = "types";
    private static final int MAX_TEXT_BYTES = 65_535;
    private static final int MAX_TOP_K = 16_384;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String uri;
    private final String collection;
    private final int dimension;
    private final int batchSize;
    private final boolean failFast;
    private final InetSocketAddress address;
    private final Duration probeTimeout;
    private final MilvusClientV2 client;

    private MilvusEmbeddingStore(Builder b) {
        this.uri = b.uri;
        this.failFast = b.failFast;
        this.address = address(b.uri);
        this.probeTimeout = b.connectTimeout;
        this.collection = b.collection;
        this.dimension = b.dimension;
        this.batchSize = b.batchSize;
        ConnectConfig.ConnectConfigBuilder config = ConnectConfig.builder().uri(b.uri)
                .connectTimeoutMs(b.connectTimeout.toMillis()).rpcDeadlineMs(b.rpcTimeout.toMillis());
        if (b.token != null) {
            config.token(b.token);
        }
        if (b.databaseName != null) {
            config.dbName(b.databaseName);
        }
        this.client = call("connect", () -> new MilvusClientV2(config.build()));
        try {
            client.retryConfig(RetryConfig.builder().maxRetryTimes(b.maxRetries).initialBackOffMs(100).maxBackOffMs(1000)
                    .maxRetryTimeoutMs(b.rpcTimeout.toMillis()).build());
            boolean exists = call("check the collection", () -> client.hasCollection(
                    HasCollectionReq.builder().collectionName(collection).build()));
            if (!exists) {
                create(b.indexType);
            }
            call("load the collection", () -> {
                client.loadCollection(LoadCollectionReq.builder().collectionName(collection).build());
                return null;
            });
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /** Starts a builder; URI, collection and dimension are required. */
    public static Builder builder() {
        return new Builder();
    }

    private void create(IndexParam.IndexType indexType) {
        CreateCollectionReq.CollectionSchema schema = client.createSchema();
        schema.addField(AddFieldReq.builder().fieldName(ID).dataType(DataType.VarChar).maxLength(512).isPrimaryKey(true)
                .autoID(false).build());
        schema.addField(AddFieldReq.builder().fieldName(VECTOR).dataType(DataType.FloatVector).dimension(dimension).build());
        schema.addField(AddFieldReq.builder().fieldName(TEXT).dataType(DataType.VarChar).maxLength(MAX_TEXT_BYTES).build());
        schema.addField(AddFieldReq.builder().fieldName(METADATA).dataType(DataType.JSON).build());
        schema.addField(AddFieldReq.builder().fieldName(TYPES).dataType(DataType.VarChar).maxLength(MAX_TEXT_BYTES).build());
        IndexParam index = IndexParam.builder().fieldName(VECTOR).indexType(indexType)
                .metricType(IndexParam.MetricType.COSINE).build();
        call("create the collection", () -> {
            client.createCollection(CreateCollectionReq.builder().collectionName(collection).collectionSchema(schema)
                    .indexParams(List.of(index)).consistencyLevel(ConsistencyLevel.STRONG).build());
            return null;
        });
    }





    @Override
    public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
        checkSizes(where(), ids, embeddings, segments);
        List<JsonObject> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            rows.add(row(ids.get(i), embeddings.get(i), segments == null ? null : segments.get(i)));
        }
        for (int from = 0; from < rows.size(); from += batchSize) {
            List<JsonObject> batch = rows.subList(from, Math.min(rows.size(), from + batchSize));
            call("upsert " + batch.size() + " entries", () -> client.upsert(
                    UpsertReq.builder().collectionName(collection).data(batch).build()));
        }
    }

    @Override
    public void removeAll(Collection<String> ids) {
        if (ids == null || ids.isEmpty()) {
            throw new IllegalArgumentException(where() + ": removeAll needs at least one id");
        }
        List<Object> list = new ArrayList<>(ids);
        for (int from = 0; from < list.size(); from += batchSize) {
            List<Object> batch = list.subList(from, Math.min(list.size(), from + batchSize));
            call("delete " + batch.size() + " ids", () -> client.delete(
                    DeleteReq.builder().collectionName(collection).ids(batch).build()));
        }
    }

    @Override
    public void removeAll(Filter filter) {
        Objects.requireNonNull(filter, "filter");
        String expression = MilvusFilters.toExpression(filter, METADATA);
        call("delete where " + expression, () -> client.delete(
                DeleteReq.builder().collectionName(collection).filter(expression).build()));
    }

    @Override
    public void removeAll() {
        call("delete all entries", () -> client.delete(
                DeleteReq.builder().collectionName(collection).filter(ID + " != \"\"").build()));
    }

    @Override
    public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
        float[] vector = request.queryEmbedding().vector();
        checkDimension(vector, "query embedding");
        if (request.maxResults() > MAX_TOP_K) {
            throw new IllegalArgumentException(where() + ": maxResults " + request.maxResults()
                    + " exceeds Milvus' limit of " + MAX_TOP_K);
        }
        String expression = MilvusFilters.toExpression(request.filter(), METADATA);
        SearchReq.SearchReqBuilder search = SearchReq.builder().collectionName(collection).annsField(VECTOR)
                .data(List.of(new FloatVec(vector))).topK(request.maxResults())
                .outputFields(List.of(TEXT, METADATA, TYPES, VECTOR)).consistencyLevel(ConsistencyLevel.STRONG);
        if (expression != null) {
            search.filter(expression);
        }
        SearchResp response = call(expression == null ? "search" : "search where " + expression, () -> client.search(search.build()));
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
        List<List<SearchResp.SearchResult>> results = response.getSearchResults();
        if (results != null && !results.isEmpty()) {
            for (SearchResp.SearchResult hit : results.getFirst()) {
                double score = Math.max(0.0, Math.min(1.0, (1.0 + hit.getScore()) / 2.0));
                if (score >= request.minScore()) {
                    matches.add(toMatch(hit, score));
                }
            }
        }
        return new EmbeddingSearchResult<>(matches);
    }

    /** Releases the gRPC channel; the collection stays on the server. */
    @Override
    public void close() {
        client.close();
    }

    private EmbeddingMatch<TextSegment> toMatch(SearchResp.SearchResult hit, double score) {
        Map<String, Object> entity = hit.getEntity();
        String id = String.valueOf(hit.getId());
        Object text = entity.get(TEXT);
        TextSegment segment = null;
        if (text instanceof String s && !s.isEmpty()) {
            segment = TextSegment.from(s, metadata(id, entity.get(METADATA), entity.get(TYPES)));
        }
        Embedding embedding = null;
        if (entity.get(VECTOR) instanceof List<?> components) {
            float[] v = new float[components.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = ((Number) components.get(i)).floatValue();
            }
            embedding = new Embedding(v);
        }
        return new EmbeddingMatch<>(score, id, embedding, segment);
    }

    private Metadata metadata(String id, Object json, Object typesJson) {
        JsonObject object = switch (json) {
            case null -> new JsonObject();
            case JsonObject o -> o;
            case String s -> JsonParser.parseString(s).getAsJsonObject();
            default -> throw new StoreException(where() + ": metadata of '" + id + "' came back as "
                    + json.getClass().getName() + ", not JSON");
        };
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : object.entrySet()) {
            if (e.getValue().isJsonPrimitive()) {
                JsonPrimitive p = e.getValue().getAsJsonPrimitive();
                values.put(e.getKey(), p.isNumber() ? p.getAsBigDecimal() : p.getAsString());
            }
        }
        Map<String, String> parsed = Map.of();
        if (typesJson instanceof String text && !text.isEmpty()) {
            try {
                parsed = JSON.readValue(text, new TypeReference<>() {});
            } catch (JsonProcessingException e) {
                throw new StoreException(where() + ": the types of '" + id + "' are not valid JSON: " + text, e);
            }
        }
        Map<String, String> types = parsed;
        values.replaceAll((key, value) -> value instanceof java.math.BigDecimal d ? numberOf(d, types.get(key)) : value);
        return MetadataCodec.restore(values, types);
    }

    private static Number numberOf(java.math.BigDecimal value, String type) {
        if ("I".equals(type) || "L".equals(type)) {
            return value.longValueExact();
        }
        if (type == null && value.scale() <= 0) {
            return value.longValue();
        }
        return value.doubleValue();
    }

    private JsonObject row(String id, Embedding embedding, TextSegment segment) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(embedding, "embedding of " + id);
        checkDimension(embedding.vector(), "embedding of '" + id + "'");
        JsonObject row = new JsonObject();
        row.addProperty(ID, id);
        JsonArray vector = new JsonArray(embedding.vector().length);
        for (float x : embedding.vector()) {
            vector.add(x);
        }
        row.add(VECTOR, vector);
        JsonObject metadata = new JsonObject();
        String text = "";
        String types = "";
        if (segment != null) {
            text = segment.text();
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_TEXT_BYTES) {
                throw new IllegalArgumentException(where() + ": text of '" + id + "' is longer than Milvus' "
                        + MAX_TEXT_BYTES + " bytes per VarChar; split it into smaller segments");
            }
            MetadataCodec.plainValues(segment.metadata()).forEach((key, value) -> {
                if (value instanceof Number n) {
                    metadata.addProperty(key, n);
                } else {
                    metadata.addProperty(key, value.toString());
                }
            });
            try {
                types = JSON.writeValueAsString(MetadataCodec.types(segment.metadata()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
        row.addProperty(TEXT, text);
        row.add(METADATA, metadata);
        row.addProperty(TYPES, types);
        return row;
    }

    private void checkDimension(float[] vector, String what) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException(where() + ": " + what + " has dimension " + vector.length
                    + ", the store expects " + dimension);
        }
    }

    private String where() {
        return "Milvus at " + uri + ", collection '" + collection + "'";
    }

    private <T> T call(String operation, Supplier<T> action) {
        if (failFast) {
            probe(operation);
        }
        try {
            return action.get();
        } catch (StoreException | IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new StoreException(where() + ": " + operation + " failed: " + e.getMessage(), e);
        }
    }

    /**
     * Fails at once when nothing accepts connections at the server's address: the SDK's calls wait
     * for a connection until their deadline, so without this check an outage costs every call the
     * whole RPC timeout.
     */
    private void probe(String operation) {
        try (Socket socket = new Socket()) {
            socket.connect(address, (int) Math.min(Integer.MAX_VALUE, probeTimeout.toMillis()));
        } catch (IOException e) {
            throw new StoreException(where() + ": cannot reach the server for " + operation + ": " + e.getMessage(), e);
        }
    }

    private static InetSocketAddress address(String uri) {
        URI parsed = URI.create(uri.contains("://") ? uri : "http://" + uri);
        if (parsed.getHost() == null) {
            throw new IllegalArgumentException("Milvus URI '" + uri + "' has no host");
        }
        return new InetSocketAddress(parsed.getHost(), parsed.getPort() > 0 ? parsed.getPort()
                : "https".equals(parsed.getScheme()) ? 443 : 19530);
    }

    /** Builds a {@link MilvusEmbeddingStore}; opening it creates and loads the collection if needed. */
    public static final class Builder {
        private String uri;
        private String token;
        private String databaseName;
        private String collection;
        private int dimension;
        private int batchSize = 500;
        private int maxRetries = 2;
        private boolean failFast = true;
        private IndexParam.IndexType indexType = IndexParam.IndexType.AUTOINDEX;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration rpcTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /** The server, e.g. {@code http://127.0.0.1:19530}; required. */
        public Builder uri(String uri) {
            this.uri = uri;
            return this;
        }

        /** {@code user:password} or an API key; never logged. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** The database; the server's default if unset. */
        public Builder databaseName(String databaseName) {
            this.databaseName = databaseName;
            return this;
        }

        /** The collection (letters, digits, underscores; starting with a letter or underscore); required. */
        public Builder collection(String collection) {
            this.collection = collection;
            return this;
        }

        /** The vector dimension; required. */
        public Builder dimension(int dimension) {
            this.dimension = dimension;
            return this;
        }

        /** Entries per upsert or delete call; default 500. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** The vector index type for a new collection; default {@code AUTOINDEX}. */
        public Builder indexType(IndexParam.IndexType indexType) {
            this.indexType = Objects.requireNonNull(indexType, "indexType");
            return this;
        }

        /** How often the SDK retries a failed call (within the RPC timeout); default 2. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /**
         * Whether each call first checks (with a TCP connect, at most the connect timeout) that the
         * server accepts connections, so that an outage fails at once instead of after the RPC
         * timeout; default true. Turn off to save the extra connection per call.
         */
        public Builder failFast(boolean failFast) {
            this.failFast = failFast;
            return this;
        }

        /** How long to wait for a connection; default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
            return this;
        }

        /** Deadline of each call, retries included; default 30 s. */
        public Builder rpcTimeout(Duration timeout) {
            this.rpcTimeout = Objects.requireNonNull(timeout, "rpcTimeout");
            return this;
        }

        public MilvusEmbeddingStore build() {
            if (uri == null || collection == null || dimension <= 0) {
                throw new IllegalStateException("MilvusEmbeddingStore needs uri, collection and a positive dimension (was "
                        + uri + ", " + collection + ", " + dimension + ")");
            }
            if (!collection.matches("[A-Za-z_][A-Za-z0-9_]{0,254}")) {
                throw new IllegalArgumentException("Milvus collection name '" + collection
                        + "' must start with a letter or underscore and hold only letters, digits and underscores");
            }
            if (batchSize <= 0) {
                throw new IllegalArgumentException("Milvus batch size must be positive, was " + batchSize);
            }
            return new MilvusEmbeddingStore(this);
        }
    }
}
