package dev.catena.quarkus.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: Catena's configured models are loaded and its stores and YAML components were
 * created. Registered only when SmallRye Health is present.
 */
@Readiness
@ApplicationScoped
public class CatenaHealthCheck implements HealthCheck {

    @Inject
    CatenaRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("catena");
        try {
            runtime.start();
            b.up().withData("components", String.join(",", new java.util.TreeSet<>(runtime.names())));
        } catch (RuntimeException e) {
            b.down().withData("error", String.valueOf(e.getMessage()));
        }
        return b.build();
    }
}
