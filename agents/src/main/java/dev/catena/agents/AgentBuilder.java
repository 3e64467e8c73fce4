package dev.catena.agents;

import java.util.Objects;

/**
 * What every agent builder sets: the run's {@link AgentLimits} and the agent's name. The agents'
 * builders extend it, so these options read and check the same everywhere.
 *
 * @param <B> the concrete builder, returned by each option
 */
public abstract class AgentBuilder<B extends AgentBuilder<B>> {

    private AgentLimits limits = AgentLimits.defaults();
    private String name;

    protected AgentBuilder(String defaultName) {
        this.name = Objects.requireNonNull(defaultName, "defaultName");
    }

    /** Bounds of one run (iterations, wall time, tool calls, parse errors); default {@link AgentLimits#defaults()}. */
    public B limits(AgentLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        return self();
    }

    /** The agent's name in traces and step events; default the class name. */
    public B name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return self();
    }

    /** The agent these options describe. */
    public abstract Agent build();

    protected AgentLimits limits() {
        return limits;
    }

    protected String name() {
        return name;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
