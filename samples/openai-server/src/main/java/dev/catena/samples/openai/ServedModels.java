package dev.catena.samples.openai;

import dev.catena.quarkus.runtime.CatenaRuntime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/** The configured models by the name a request gives ({@code quarkus.catena.models.NAME}), or the default one. */
@ApplicationScoped
public class ServedModels {

    @Inject
    CatenaRuntime catena;

    @ConfigProperty(name = "openai-server.default-model")
    Optional<String> defaultModel;

    /** The requested name, or the default; 400 when neither is there. */
    String name(String requested) {
        if (requested != null && !requested.isBlank()) return requested;
        return defaultModel.orElseThrow(() -> OpenAiErrors.invalid("model", "no 'model' given and openai-server.default-model is not set", "invalid_value"));
    }

    /** The model {@code name}; 400 naming {@code model} when there is none. */
    Object lookup(String name) {
        try {
            return catena.configured(name);
        } catch (IllegalArgumentException e) {
            throw OpenAiErrors.invalid("model", e.getMessage(), "model_not_found");
        }
    }
}
