package dev.catena.core.component;

/**
 * A component that declarative (YAML) files may name with {@code type:}. Modules register their
 * types through {@link java.util.ServiceLoader} (file
 * {@code META-INF/services/dev.catena.core.component.ComponentType}); only registered types can be
 * created from a file, never an arbitrary class.
 *
 * <p>The loader binds the file's fields strictly to the {@linkplain #specClass() spec record}: an
 * unknown field, a missing {@code @JsonProperty(required = true)} field or a value of the wrong
 * type is an error naming the file, line, column and key. References to other components are
 * fields of type {@link Ref}; {@code ${env:NAME}} and {@code ${file:path}} values are already
 * resolved when {@link #create} is called. {@code create} must not run anything expensive that the
 * user did not ask for (no network call, no generation); a validating tool never calls it.
 *
 * @param <S> the spec: an immutable record of the fields the file gives, bound strictly by Jackson
 * @param <T> what the spec creates (a model, retriever, memory, tool, chain…)
 */
public interface ComponentType<S, T> {

    /** The kind this type belongs to, e.g. {@code Model}, {@code Retriever}, {@code Memory}, {@code Tool}, {@code Chain}. */
    String kind();

    /** The name files use in {@code type:}, e.g. {@code openai-compatible}. */
    String type();

    /** The spec record class; its components are the allowed fields. */
    Class<S> specClass();

    /** What instances of this type are assignable to. */
    Class<? super T> productClass();

    /** Creates the component from a validated spec; {@code context} resolves references. */
    T create(S spec, ComponentContext context);

    /** A one-line description for generated schemas and error messages. */
    default String description() {
        return kind() + " " + type();
    }
}
