package dev.catena.retrievers.pgvector;

import dev.catena.retrievers.store.EmbeddingStoreConformance;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The pgvector store through the whole conformance kit against the real PostgreSQL with pgvector
 * of {@code .ci/setup.d/25-postgres.sh}; persistence reopens the table through a new store.
 */
class PgVectorConformanceTest extends EmbeddingStoreConformance {

    @RegisterExtension
    static final PgDatabase DB = new PgDatabase();

    @Override
    protected EmbeddingStore<TextSegment> open(String name) {
        return DB.store(name, DIMENSION).build();
    }

    @Override
    protected Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }
}
