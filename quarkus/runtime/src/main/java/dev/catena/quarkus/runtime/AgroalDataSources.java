package dev.catena.quarkus.runtime;

import io.quarkus.agroal.runtime.AgroalDataSourceUtil;

import javax.sql.DataSource;
import java.util.Optional;

/**
 * The application's Agroal datasources as reference targets: a component field that references
 * {@code <default>} or a datasource name ({@code quarkus.catena.stores.docs.data-source=orders})
 * gets that datasource. Loaded only when {@code quarkus-agroal} is present.
 */
final class AgroalDataSources {

    private AgroalDataSources() {}

    /** The datasource {@code name} ({@code <default>} for the default one), if the application configures it. */
    static Optional<DataSource> named(String name) {
        var instance = AgroalDataSourceUtil.dataSourceInstance(name);
        return instance.isResolvable() ? Optional.of(instance.get()) : Optional.empty();
    }
}
