package dev.catena.retrievers.pgvector;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.Ref;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;

import javax.sql.DataSource;

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
 * <p>Instead of {@code url}, {@code dataSource: {bean: name}} takes connections from a
 * {@link DataSource} the host application registered (in Quarkus, an Agroal datasource by name).
 *
 * <p>Creating the store connects and creates the table if absent; validating a file does not.
 */
public final class PgVectorStoreType extends AbstractComponentType<PgVectorStoreType.Spec, EmbeddingStore<TextSegment>> {

    /** The fields of a {@code pgvector} store. */
    public record Spec(
            @JsonPropertyDescription("JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/catena (give this or dataSource)") String url,
            @JsonPropertyDescription("A javax.sql.DataSource of the host application, e.g. {bean: pg} (give this or url)") Ref dataSource,
            @JsonProperty(required = true) @JsonPropertyDescription("Table (created if absent, with an HNSW index)") String table,
            @JsonProperty(required = true) @JsonPropertyDescription("Vector dimension, e.g. 384 for all-MiniLM-L6-v2") int dimension,
            @JsonPropertyDescription("Database user") String user,
            @JsonPropertyDescription("Database password, e.g. ${env:PGPASSWORD}") String password,
            @JsonPropertyDescription("Create the extension, table and indexes when absent (default true)") Boolean createTable) {

        public Spec {
            if ((url == null) == (dataSource == null)) {
                throw new IllegalArgumentException("a pgvector store needs exactly one of 'url' or 'dataSource'");
            }
        }
    }

    public PgVectorStoreType() {
        super("Store", "pgvector", Spec.class, EmbeddingStore.class, "A PostgreSQL table with pgvector (HNSW, SQL metadata filters)");
    }

    @Override
    public EmbeddingStore<TextSegment> create(Spec s, ComponentContext ctx) {
        PgVectorEmbeddingStore.Builder b = PgVectorEmbeddingStore.builder().table(s.table()).dimension(s.dimension())
                .createTable(!Boolean.FALSE.equals(s.createTable()));
        if (s.dataSource() != null) {
            b.dataSource(ctx.resolve(s.dataSource(), DataSource.class));
        } else {
            b.url(s.url()).user(s.user()).password(s.password());
        }
        return b.build();
    }
}
