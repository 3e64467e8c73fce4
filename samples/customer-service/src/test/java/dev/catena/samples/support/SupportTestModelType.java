package dev.catena.samples.support;

import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;

/** Registers {@link SupportTestModel} as model type {@code support-test-model} (tests only). */
public final class SupportTestModelType implements ComponentType<SupportTestModelType.Spec, SupportTestModel> {

    /** No settings. */
    public record Spec() {}

    @Override public String kind() { return "Model"; }

    @Override public String type() { return "support-test-model"; }

    @Override public Class<Spec> specClass() { return Spec.class; }

    @Override public Class<SupportTestModel> productClass() { return SupportTestModel.class; }

    @Override public SupportTestModel create(Spec spec, ComponentContext context) { return new SupportTestModel(); }
}
