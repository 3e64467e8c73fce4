package dev.catena.memory.store;

import javax.sql.DataSource;
import java.nio.file.Path;

/**
 * The embedded H2 data source behind {@link JdbcConversationStore#h2}. H2 is an optional dependency,
 * so its classes are touched only here, after a check that names the missing artifact.
 */
final class H2 {

    private static final String DATA_SOURCE = "org.h2.jdbcx.JdbcDataSource";

    private H2() {}

    static DataSource dataSource(Path file) {
        try {
            Class.forName(DATA_SOURCE, false, H2.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ConversationStoreException("An H2 conversation store (" + file + ") needs com.h2database:h2 on the class path:"
                    + " add it to the application's dependencies, or give the store a DataSource", e);
        }
        org.h2.jdbcx.JdbcDataSource ds = new org.h2.jdbcx.JdbcDataSource();
        ds.setURL("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        return ds;
    }
}
