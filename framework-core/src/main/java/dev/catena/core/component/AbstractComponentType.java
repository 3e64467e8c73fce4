package dev.catena.core.component;

import java.util.Objects;

/**
 * The fixed parts of a {@link ComponentType}: its kind, type name, spec and product classes and
 * description. Subclasses only implement {@link #create}.
 *
 * @param <S> the spec record
 * @param <T> what the spec creates
 */
public abstract class AbstractComponentType<S, T> implements ComponentType<S, T> {

    private final String kind;
    private final String type;
    private final Class<S> specClass;
    private final Class<? super T> productClass;
    private final String description;

    protected AbstractComponentType(String kind, String type, Class<S> specClass, Class<? super T> productClass,
                                    String description) {
        this.kind = Objects.requireNonNull(kind, "kind");
        this.type = Objects.requireNonNull(type, "type");
        this.specClass = Objects.requireNonNull(specClass, "specClass");
        this.productClass = Objects.requireNonNull(productClass, "productClass");
        this.description = Objects.requireNonNull(description, "description");
    }

    @Override
    public final String kind() {
        return kind;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final Class<S> specClass() {
        return specClass;
    }

    @Override
    public final Class<? super T> productClass() {
        return productClass;
    }

    @Override
    public final String description() {
        return description;
    }
}
