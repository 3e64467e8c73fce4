package dev.catena.retrievers.chroma;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.retrievers.store.StoreException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * A client for the Chroma v2 REST API ({@code /api/v2}) on OkHttp and Jackson: tenants, databases,
 * collections (get or create) and their records (add, upsert, get, query, delete, count).
 *
 * <p>Every failure is a {@link StoreException} naming the server URL, the operation, the collection
 * where there is one, and the server's own error message; an unreachable server fails as soon as
 * the connection is refused (or after the connect timeout). The API token, if any, is sent as
 * {@code x-chroma-token} and never appears in messages or logs. Thread-safe.
 */
public final class ChromaClient implements AutoCloseable {

    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final HttpUrl base;
    private final String tenant;
    private final String database;
    private final OkHttpClient http;

    private ChromaClient(Builder b) {
        HttpUrl url = HttpUrl.parse(Objects.requireNonNull(b.baseUrl, "baseUrl is required"));
        if (url == null) {
            throw new IllegalArgumentException("Chroma base URL '" + b.baseUrl + "' is not an http(s) URL");
        }
        this.base = url;
        this.tenant = b.tenant;
        this.database = b.database;
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(b.connectTimeout).readTimeout(b.readTimeout).writeTimeout(b.readTimeout)
                .retryOnConnectionFailure(false);
        if (b.apiKey != null) {
            String token = b.apiKey;
            http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("x-chroma-token", token).build()));
        }
        this.http = http.build();
    }

    /** Starts a builder; only the base URL is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The server's base URL, e.g. {@code http://127.0.0.1:8000}. */
    public String url() {
        return base.toString();
    }

    /** Checks the server answers {@code /api/v2/heartbeat}. */
    public void heartbeat() {
        call("heartbeat", null, "GET", List.of("heartbeat"), null);
    }

    /** Creates the tenant and database this client works in unless they exist. */
    public void ensureTenantAndDatabase() {
        if (!exists("get tenant", List.of("tenants", tenant))) {
            call("create tenant '" + tenant + "'", null, "POST", List.of("tenants"), Map.of("name", tenant));
        }
        if (!exists("get database", List.of("tenants", tenant, "databases", database))) {
            call("create database '" + database + "'", null, "POST", List.of("tenants", tenant, "databases"), Map.of("name", database));
        }
    }

    /**
     * Returns the collection called {@code name}, creating it with the HNSW {@code space} if absent.
     *
     * @param space {@code cosine}, {@code l2} or {@code ip}; applies only when the collection is created
     */
    public ChromaCollection getOrCreateCollection(String name, String space) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("get_or_create", true);
        body.put("configuration", Map.of("hnsw", Map.of("space", space)));
        JsonNode node = call("get or create collection", name, "POST", collectionsPath(), body);
        return collection(node, name);
    }

    /** Deletes the collection called {@code name}. */
    public void deleteCollection(String name) {
        call("delete collection", name, "DELETE", path(collectionsPath(), name), null);
    }

    /** Adds records; ids already present are left as they are (Chroma's {@code add}). */
    public void add(ChromaCollection collection, ChromaRecords records) {
        call("add " + records.size() + " records", collection.name(), "POST", recordPath(collection, "add"), recordBody(records));
    }

    /** Adds records, replacing those whose id is present. */
    public void upsert(ChromaCollection collection, ChromaRecords records) {
        call("upsert " + records.size() + " records", collection.name(), "POST", recordPath(collection, "upsert"), recordBody(records));
    }

    /**
     * Reads records by ids and/or a {@code where} filter.
     *
     * @param ids ids to read, or {@code null} for all
     * @param where a Chroma {@code where} clause, or {@code null}
     * @param limit at most this many, or {@code null}
     * @param offset records to skip, or {@code null}
     * @param include what to return besides ids: {@code embeddings}, {@code documents}, {@code metadatas}
     */
    public ChromaRecords get(ChromaCollection collection, List<String> ids, Map<String, Object> where,
                             Integer limit, Integer offset, List<String> include) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ids", ids);
        body.put("where", where);
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("include", include);
        JsonNode node = call("get", collection.name(), "POST", recordPath(collection, "get"), body);
        return ChromaResponses.records(node, "get from collection '" + collection.name() + "' at " + base);
    }

    /**
     * The {@code n} records nearest to {@code embedding} that match {@code where}.
     *
     * @param include what to return besides ids and distances: {@code embeddings}, {@code documents}, {@code metadatas}
     */
    public ChromaQueryResult query(ChromaCollection collection, float[] embedding, int n, Map<String, Object> where,
                                   List<String> include) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("query_embeddings", List.of(embedding));
        body.put("n_results", n);
        body.put("where", where);
        List<String> all = new ArrayList<>(include);
        all.add("distances");
        body.put("include", all);
        JsonNode node = call("query", collection.name(), "POST", recordPath(collection, "query"), body);
        return ChromaResponses.query(node, "query of collection '" + collection.name() + "' at " + base);
    }

    /** Deletes the records with these ids and/or matching {@code where}; at least one must be given. */
    public void delete(ChromaCollection collection, List<String> ids, Map<String, Object> where) {
        if (ids == null && where == null) {
            throw new IllegalArgumentException("Chroma delete needs ids or a where clause");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ids", ids);
        body.put("where", where);
        call("delete", collection.name(), "POST", recordPath(collection, "delete"), body);
    }

    /** The number of records in the collection. */
    public int count(ChromaCollection collection) {
        JsonNode node = call("count", collection.name(), "GET", recordPath(collection, "count"), null);
        if (!node.canConvertToInt()) {
            throw new StoreException("Chroma at " + base + ", collection '" + collection.name()
                    + "': count answered " + node + ", not a number");
        }
        return node.intValue();
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private boolean exists(String operation, List<String> segments) {
        return send(operation, null, "GET", segments, null, true) != null;
    }

    private List<String> collectionsPath() {
        return List.of("tenants", tenant, "databases", database, "collections");
    }

    private List<String> recordPath(ChromaCollection collection, String operation) {
        return path(path(collectionsPath(), collection.id()), operation);
    }

    private static List<String> path(List<String> segments, String last) {
        List<String> all = new ArrayList<>(segments);
        all.add(last);
        return all;
    }

    private static Map<String, Object> recordBody(ChromaRecords records) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ids", records.ids());
        body.put("embeddings", records.embeddings());
        body.put("documents", records.documents());
        body.put("metadatas", records.metadatas());
        return body;
    }

    private ChromaCollection collection(JsonNode node, String name) {
        JsonNode id = node.path("id");
        if (!id.isTextual()) {
            throw new StoreException("Chroma at " + base + ", collection '" + name + "': the server answered without a collection id: "
                    + ChromaResponses.abbreviate(node.toString()));
        }
        JsonNode config = node.path("configuration_json");
        String space = config.path("hnsw").path("space").asText(config.path("spann").path("space").asText("l2"));
        return new ChromaCollection(id.asText(), node.path("name").asText(name), space);
    }

    private JsonNode call(String operation, String collection, String method, List<String> segments, Object body) {
        return send(operation, collection, method, segments, body, false);
    }

    /** Sends one request; returns the JSON answer, or {@code null} for a 404 when {@code absentIsNull}. */
    private JsonNode send(String operation, String collection, String method, List<String> segments, Object body,
                          boolean absentIsNull) {
        HttpUrl.Builder url = base.newBuilder().addPathSegments("api/v2");
        segments.forEach(url::addPathSegment);
        HttpUrl target = url.build();
        String where = "Chroma at " + base + (collection == null ? "" : ", collection '" + collection + "'");
        RequestBody payload = null;
        if (body != null) {
            try {
                payload = RequestBody.create(JSON.writeValueAsBytes(body), JSON_TYPE);
            } catch (JsonProcessingException e) {
                throw new StoreException(where + ": cannot encode the " + operation + " request: " + e.getMessage(), e);
            }
        }
        Request request = new Request.Builder().url(target).method(method, payload).build();
        try (Response response = http.newCall(request).execute()) {
            String text = response.body().string();
            if (response.code() == 404 && absentIsNull) {
                return null;
            }
            if (!response.isSuccessful()) {
                String message = where + ": " + operation + " failed with HTTP " + response.code() + " ("
                        + method + " " + target.encodedPath() + "): " + ChromaResponses.errorMessage(text);
                throw new StoreException(message);
            }
            return text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StoreException(where + ": " + operation + " answered something that is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new StoreException(where + ": cannot reach the server for " + operation + " (" + method + " "
                    + target.encodedPath() + "): " + e, e);
        }
    }

    /** Builds a {@link ChromaClient}. */
    public static final class Builder {
        private String baseUrl;
        private String tenant = "default_tenant";
        private String database = "default_database";
        private String apiKey;
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration readTimeout = Duration.ofSeconds(60);

        private Builder() {}

        /** The server, e.g. {@code http://127.0.0.1:8000}; required. */
        public Builder baseUrl(String baseUrl) {
            this.baseUrl = baseUrl;
            return this;
        }

        /** The tenant (created if absent); default {@code default_tenant}. */
        public Builder tenant(String tenant) {
            this.tenant = requireName("tenant", tenant);
            return this;
        }

        /** The database (created if absent); default {@code default_database}. */
        public Builder database(String database) {
            this.database = requireName("database", database);
            return this;
        }

        /** A token sent as {@code x-chroma-token}; never logged. */
        public Builder apiKey(String apiKey) {
            this.apiKey = apiKey;
            return this;
        }

        /** How long to wait for a connection; default 5 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
            return this;
        }

        /** How long to wait for an answer; default 60 s. */
        public Builder readTimeout(Duration timeout) {
            this.readTimeout = Objects.requireNonNull(timeout, "readTimeout");
            return this;
        }

        public ChromaClient build() {
            return new ChromaClient(this);
        }

        private static String requireName(String what, String name) {
            if (name == null || name.length() < 3) {
                throw new IllegalArgumentException("Chroma " + what + " name '" + name + "' must have at least 3 characters");
            }
            return name;
        }
    }
}
