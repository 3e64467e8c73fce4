package dev.catena.agents.tool;

import dev.catena.core.runnable.RunContext;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;

import java.util.Objects;
import java.util.function.Function;

/**
 * A tool an agent may call: a LangChain4j {@link ToolSpecification} (name, description, JSON Schema
 * of the arguments) and the code that runs it. The result is text for the model.
 *
 * <p>Implementations throw {@link ToolArgumentException} for arguments they cannot use; agents turn
 * that, and any other exception, into an observation for the model.
 */
public interface AgentTool {

    /** What the model sees: name, description and argument schema. */
    ToolSpecification specification();

    /** Runs the tool on its arguments (a JSON object, or plain text for a one-argument tool). */
    String execute(String arguments);

    /**
     * Runs the tool inside an agent's run; tools that call other steps (a retriever) override this
     * to nest those runs under {@code run}. The default calls {@link #execute(String)}.
     */
    default String execute(String arguments, RunContext run) {
        return execute(arguments);
    }

    /** The tool's name. */
    default String name() {
        return specification().name();
    }

    /** A tool with one string argument {@code input}, computed by {@code fn}. */
    static AgentTool of(String name, String description, Function<String, String> fn) {
        Objects.requireNonNull(fn, "fn");
        ToolSpecification spec = ToolSpecification.builder()
                .name(name)
                .description(description)
                .parameters(JsonObjectSchema.builder().addStringProperty("input").required("input").build())
                .build();
        return of(spec, args -> fn.apply(ToolArguments.parse(spec, args).get("input").asText()));
    }

    /** A tool with the given specification whose raw arguments are handled by {@code fn}. */
    static AgentTool of(ToolSpecification specification, Function<String, String> fn) {
        Objects.requireNonNull(specification, "specification");
        Objects.requireNonNull(fn, "fn");
        return new AgentTool() {
            @Override public ToolSpecification specification() { return specification; }
            @Override public String execute(String arguments) { return fn.apply(arguments); }
            @Override public String toString() { return "AgentTool[" + specification.name() + "]"; }
        };
    }
}
