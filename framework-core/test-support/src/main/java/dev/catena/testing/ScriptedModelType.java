package dev.catena.testing;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;

import java.time.Duration;
import java.util.List;

/**
 * {@code kind: Model, type: scripted}: a {@link ScriptedChatModel} declared in YAML or configuration,
 * for tests and demos that must run without a real model.
 */
public final class ScriptedModelType implements ComponentType<ScriptedModelType.Spec, ScriptedChatModel> {

    /**
     * @param responses        replies, in order
     * @param tokenDelayMillis pause before each streamed token
     */
    public record Spec(@JsonProperty(required = true) @JsonPropertyDescription("Replies, in order") List<String> responses,
                       @JsonPropertyDescription("Milliseconds before each streamed token") Integer tokenDelayMillis) {
        public Spec {
            if (responses == null || responses.isEmpty()) throw new IllegalArgumentException("responses must list at least one reply");
            responses = List.copyOf(responses);
        }
    }

    @Override public String kind() { return "Model"; }

    @Override public String type() { return "scripted"; }

    @Override public Class<Spec> specClass() { return Spec.class; }

    @Override public Class<ScriptedChatModel> productClass() { return ScriptedChatModel.class; }

    @Override public String description() { return "A model that replies from a script (tests and demos)"; }

    @Override
    public ScriptedChatModel create(Spec spec, ComponentContext context) {
        ScriptedChatModel.Builder b = ScriptedChatModel.builder();
        spec.responses().forEach(b::reply);
        if (spec.tokenDelayMillis() != null) b.tokenDelay(Duration.ofMillis(spec.tokenDelayMillis()));
        return b.build();
    }
}
