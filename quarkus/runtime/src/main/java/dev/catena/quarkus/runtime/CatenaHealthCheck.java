package dev.catena.quarkus.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Readiness: Catena's configured models are loaded, its stores and YAML components were created,
 * and the conversation memory's database answers. A component whose database was down is created
 * again on each check, so readiness turns UP once the server answers. Registered only when SmallRye
 * Health is present.
 */
@Readiness
@ApplicationScoped
public class CatenaHealthCheck implements HealthCheck {

    @Inject
    CatenaRuntime runtime;

    @Inject
    Instance<dev.catena.memory.store.ConversationStore> store;

    @Inject
    CatenaMemoryProducer memoryProducer;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("catena");
        try {
            runtime.retryUnavailable();
            Map<String, String> problems = new TreeMap<>(runtime.unavailable());
            memoryProblem().ifPresent(p -> problems.put("memory", p));
            if (problems.isEmpty()) {
                b.up().withData("components", String.join(",", new TreeSet<>(runtime.names())));
            } else {
                b.down().withData("unavailable", String.join(",", problems.keySet()));
                problems.forEach(b::withData);
                b.withData("error", String.join("; ", problems.values()));
            }
        } catch (RuntimeException e) {
            b.down().withData("error", String.valueOf(e.getMessage()));
        }
        return b.build();
    }

    /**
     * Why the conversation store on the application's datasource does not answer (it is opened lazily,
     * so a database down at start is reported here), also behind the idle-expiry wrapper of
     * {@code quarkus.catena.memory.ttl}; empty when it answers or is not on a datasource.
     */
    private Optional<String> memoryProblem() {
        if (!store.isResolvable()) return Optional.empty();
        store.get(); // creates the store, so that the producer knows whether it is on a datasource
        return memoryProducer.dataSourceStore().flatMap(db -> {
            try {
                db.ready();
                return Optional.empty();
            } catch (RuntimeException e) {
                return Optional.of("conversation memory on " + db.description() + ": " + e.getMessage());
            }
        });
    }
}
