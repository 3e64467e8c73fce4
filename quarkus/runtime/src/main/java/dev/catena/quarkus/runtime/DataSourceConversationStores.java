package dev.catena.quarkus.runtime;

import dev.catena.memory.store.ConversationStore;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.datasource.common.runtime.DataSourceUtil;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import jakarta.enterprise.inject.Any;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JDBC conversation store on one of the application's Agroal datasources ({@code quarkus-agroal}
 * is optional: this class is loaded only when {@code quarkus.catena.memory.store=jdbc} names no H2 file).
 */
final class DataSourceConversationStores {

    private static final String AGROAL = "io.quarkus.agroal.runtime.AgroalDataSourceUtil";

    private DataSourceConversationStores() {}

    /** True when the application has Quarkus' datasource extension. */
    static boolean available() {
        try {
            Class.forName(AGROAL, false, DataSourceConversationStores.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    /**
     * A store in {@code table} of the datasource {@code name} (the default datasource when empty). The
     * datasource must exist; it is looked up and connected to on first use (datasources become active
     * during start, possibly after Catena).
     */
    static ConversationStore open(Optional<String> name, String table) {
        String dataSource = name.filter(n -> !n.isBlank()).orElse(DataSourceUtil.DEFAULT_DATASOURCE_NAME);
        String which = DataSourceUtil.isDefault(dataSource) ? "the default datasource" : "datasource '" + dataSource + "'";
        if (!AgroalDataSourceUtil.dataSourceInstance(dataSource).isResolvable()) {
            throw new CatenaConfigException(List.of("quarkus.catena.memory.datasource: " + which
                    + " is not configured (configured: " + configured() + ")"));
        }
        return new DataSourceConversationStore(() -> AgroalDataSourceUtil.dataSourceIfActive(dataSource).orElseThrow(() ->
                new IllegalStateException(which + " is not active")), table, which + ", table " + table);
    }

    private static Set<String> configured() {
        Set<String> names = new TreeSet<>();
        for (InstanceHandle<AgroalDataSource> h : Arc.container().select(AgroalDataSource.class, Any.Literal.INSTANCE).handles()) {
            names.add(AgroalDataSourceUtil.dataSourceName(h.getBean()));
        }
        return names;
    }
}
