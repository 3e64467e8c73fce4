package dev.catena.samples.support;

import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;

/** Registers {@link RuleBasedModel} as model type {@code rule-based-demo} (offline demo and tests). */
public final class RuleBasedModelType implements ComponentType<RuleBasedModelType.Spec, RuleBasedModel> {

    /** No settings. */
    public record Spec() {}

    @Override public String kind() { return "Model"; }

    @Override public String type() { return "rule-based-demo"; }

    @Override public Class<Spec> specClass() { return Spec.class; }

    @Override public Class<RuleBasedModel> productClass() { return RuleBasedModel.class; }

    @Override public RuleBasedModel create(Spec spec, ComponentContext context) { return new RuleBasedModel(); }
}
