package dev.catena.cli.agents;

import dev.catena.agents.yaml.AgentTypes;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A registry whose agent types apply command-line bounds over what the file says: the
 * {@code maxIterations} of ReAct and tool-calling agents (the {@code maxSteps} of plan-and-execute
 * agents) and every agent's {@code maxWallTimeMillis}. A null bound keeps the file's value.
 * Validation and every other type are unchanged.
 */
final class LimitOverride {

    private LimitOverride() {}

    /** {@code registry} with every agent's iteration and wall-time bounds replaced where given. */
    static ComponentRegistry apply(ComponentRegistry registry, Integer maxIterations, Integer maxWallTimeMillis) {
        List<ComponentType<?, ?>> types = new ArrayList<>();
        for (String kind : registry.kinds()) {
            for (ComponentType<?, ?> type : registry.types(kind).values()) types.add(override(type, maxIterations, maxWallTimeMillis));
        }
        return ComponentRegistry.of(types);
    }

    @SuppressWarnings("unchecked")
    private static ComponentType<?, ?> override(ComponentType<?, ?> type, Integer n, Integer wall) {
        if (type.specClass() == AgentTypes.LoopSpec.class) {
            return new Overriding<>((ComponentType<AgentTypes.LoopSpec, Object>) type, s -> new AgentTypes.LoopSpec(
                    s.model(), s.tools(), s.instructions(), s.memory(), s.approval(), or(n, s.maxIterations()), s.maxToolCalls(),
                    s.maxParseErrors(), or(wall, s.maxWallTimeMillis()), s.toolTimeoutMillis(), s.requireToolUse(), s.restateQuestion(),
                    s.quoteObservations(), s.groundArguments()));
        }
        if (type.specClass() == AgentTypes.PlanSpec.class) {
            return new Overriding<>((ComponentType<AgentTypes.PlanSpec, Object>) type,
                    s -> new AgentTypes.PlanSpec(s.planner(), s.executor(), or(n, s.maxSteps()), or(wall, s.maxWallTimeMillis())));
        }
        return type;
    }

    private static Integer or(Integer override, Integer fromFile) {
        return override != null ? override : fromFile;
    }

    /** A type that rewrites its spec before the delegate creates the component. */
    private record Overriding<S, T>(ComponentType<S, T> delegate, UnaryOperator<S> change) implements ComponentType<S, T> {
        @Override public String kind() { return delegate.kind(); }
        @Override public String type() { return delegate.type(); }
        @Override public Class<S> specClass() { return delegate.specClass(); }
        @Override public Class<? super T> productClass() { return delegate.productClass(); }
        @Override public String description() { return delegate.description(); }
        @Override public T create(S spec, ComponentContext context) { return delegate.create(change.apply(spec), context); }
    }
}
