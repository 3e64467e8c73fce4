package dev.catena.quarkus.deployment;

import io.quarkus.arc.deployment.UnremovableBeanBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import org.jboss.jandex.DotName;

/**
 * Keeps the application's Agroal datasources as beans even when no injection point names them: the
 * JDBC conversation memory ({@code quarkus.catena.memory.datasource}) looks them up at start.
 * Named by class name, so the extension does not depend on {@code quarkus-agroal}.
 */
class CatenaDataSourceProcessor {

    private static final DotName AGROAL_DATA_SOURCE = DotName.createSimple("io.agroal.api.AgroalDataSource");

    @BuildStep
    UnremovableBeanBuildItem keepDataSources() {
        return UnremovableBeanBuildItem.beanTypes(AGROAL_DATA_SOURCE);
    }
}
