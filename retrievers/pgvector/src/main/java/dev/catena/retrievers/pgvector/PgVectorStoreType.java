package dev.catena.retrievers.pgvector;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

/**
 * {@code kind: Store, type: pgvector}, registered through ServiceLoader. The password reaches the
 * file only through an allow-listed environment variable:
 *
 * <pre>{@code
 * - kind: Store
 *   name: docs
 *   type: pgvector
 *   url: jdbc:postgresql://127.0.0.1:5432/catena
 *   user: catena
 *   password: ${env:PGPASSWORD}
 *   table: handbook
 *   dimension: 384
 * }</pre>
 *
 * <p>Creating the store connects and creates the table if absent; validating a file does not.
 */
public final class PgVectorStoreType extends AbstractComponentType<PgVectorStoreType.Spec, EmbeddingStore<TextSegment>> {

    /** The fields of a {@code pgvector} store. */
    public record Spec(
            @JsonProperty(required = true) @JsonPropertyDescription("JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/catena") String url,
            @JsonProperty(required = true) @JsonPropertyDescription("Table (created if absent, with an HNSW index)") String table,
            @JsonProperty(required = true) @JsonPropertyDescription("Vector dimension, e.g. 384 for all-MiniLM-L6-v2") int dimension,
            @JsonPropertyDescription("Database user") String user,
            @JsonPropertyDescription("Database password, e.g. ${env:PGPASSWORD}") String password,
            @JsonPropertyDescription("Create the extension, table and indexes when absent (default true)") Boolean createTable) {}

    public PgVectorStoreType() {
        super("Store", "pgvector", Spec.class, EmbeddingStore.class, "A PostgreSQL table with pgvector (HNSW, SQL metadata filters)");
    }

    @Override
    public EmbeddingStore<TextSegment> create(Spec s, ComponentContext ctx) {
        return PgVectorEmbeddingStore.builder().url(s.url()).user(s.user()).password(s.password()).table(s.table())
                .dimension(s.dimension()).createTable(!Boolean.FALSE.equals(s.createTable())).build();
    }
}
