package dev.catena.retrievers.pgvector;

import dev.catena.retrievers.store.StoreOutageContract;
import dev.catena.retrievers.store.StoreServerExtension;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PostgreSQL killed ({@code SIGKILL}) during ingestion into the pgvector store and restarted on its
 * data directory (crash recovery): a query meanwhile fails fast, the resumed run stores every chunk once.
 */
class PgVectorOutageTest extends StoreOutageContract {

    @RegisterExtension
    static final PgServer SERVER = new PgServer();

    @Override
    protected StoreServerExtension server() {
        return SERVER;
    }

    @Override
    protected EmbeddingStore<TextSegment> open(String name) {
        return PgVectorEmbeddingStore.builder().url(SERVER.url()).user(PgServer.USER).table(name)
                .dimension(HashEmbeddings.DIMENSION).build();
    }

    @Override
    protected List<String> storedIds(String name) {
        List<String> ids = new ArrayList<>();
        query("SELECT id FROM \"" + name + "\"", rs -> ids.add(rs.getString(1)));
        return ids;
    }

    @Override
    protected long count(String name) {
        long[] count = new long[1];
        query("SELECT count(*) FROM \"" + name + "\"", rs -> count[0] = rs.getLong(1));
        return count[0];
    }

    private interface Row {
        void accept(ResultSet rs) throws SQLException;
    }

    private static void query(String sql, Row row) {
        try (Connection c = DriverManager.getConnection(SERVER.url(), PgServer.USER, "");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                row.accept(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }
}
