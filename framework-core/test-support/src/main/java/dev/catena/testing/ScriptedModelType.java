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
     * @param responses        replies, in order; {@code tool:NAME {json}} is a call of tool NAME with those arguments
     * @param tokenDelayMillis pause before each streamed token
     */
    public record Spec(@JsonProperty(required = true) @JsonPropertyDescription("Replies, in order; 'tool:NAME {json}' is a tool call") List<String> responses,
                       @JsonPropertyDescription("Milliseconds before each streamed token") Integer tokenDelayMillis) {
        public Spec {
            if (responses == null || responses.isEmpty()) throw new IllegalArgumentException("responses must list at least one reply");
            responses = List.copyOf(responses);
        }
    }

    /** The prefix of a scripted reply that is a tool call. */
    static final String TOOL_CALL = "tool:";

    @Override public String kind() { return "Model"; }

    @Override public String type() { return "scripted"; }

    @Override public Class<Spec> specClass() { return Spec.class; }

    @Override public Class<ScriptedChatModel> productClass() { return ScriptedChatModel.class; }

    @Override public String description() { return "A model that replies from a script (tests and demos)"; }

    @Override
    public ScriptedChatModel create(Spec spec, ComponentContext context) {
        ScriptedChatModel.Builder b = ScriptedChatModel.builder();
        for (String r : spec.responses()) {
            if (r.startsWith(TOOL_CALL)) {
                String call = r.substring(TOOL_CALL.length()).strip();
                int space = call.indexOf(' ');
                b.replyToolCall(space < 0 ? call : call.substring(0, space), space < 0 ? "{}" : call.substring(space + 1).strip());
            } else {
                b.reply(r);
            }
        }
        if (spec.tokenDelayMillis() != null) b.tokenDelay(Duration.ofMillis(spec.tokenDelayMillis()));
        return b.build();
    }
}
