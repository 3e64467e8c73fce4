package dev.catena.quarkus.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: Catena's configured models are loaded, its stores and YAML components were
 * created, and the conversation memory's database answers. Registered only when SmallRye Health is present.
 */
@Readiness
@ApplicationScoped
public class CatenaHealthCheck implements HealthCheck {

    @Inject
    CatenaRuntime runtime;

    @Inject
    jakarta.enterprise.inject.Instance<dev.catena.memory.store.ConversationStore> store;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("catena");
        try {
            runtime.start();
            memoryReady();
            b.up().withData("components", String.join(",", new java.util.TreeSet<>(runtime.names())));
        } catch (RuntimeException e) {
            b.down().withData("error", String.valueOf(e.getMessage()));
        }
        return b.build();
    }

    /** The conversation store on the application's datasource answers (it is opened lazily, so a database down at start is reported here). */
    private void memoryReady() {
        if (store.isResolvable() && store.get() instanceof DataSourceConversationStore db) {
            try {
                db.ready();
            } catch (RuntimeException e) {
                throw new IllegalStateException("conversation memory on " + db.description() + ": " + e.getMessage(), e);
            }
        }
    }
}
