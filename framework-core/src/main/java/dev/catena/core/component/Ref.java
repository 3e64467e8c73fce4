package dev.catena.core.component;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A reference field of a component spec. In YAML it is written {@code {ref: name}} for another
 * component of the same file or an included file, or {@code {bean: name}} for an object the host
 * application registered with the loader (a custom retriever, a tool, a Quarkus bean). Exactly one
 * of the two is set. Resolve it with {@link ComponentContext#resolve(Ref, Class)}.
 *
 * @param ref  the name of a component declared in YAML, or null
 * @param bean the name of a host bean, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Ref(String ref, String bean) {

    public Ref {
        boolean hasRef = ref != null && !ref.isBlank();
        boolean hasBean = bean != null && !bean.isBlank();
        if (hasRef == hasBean) {
            throw new IllegalArgumentException("a reference needs exactly one of 'ref: <component name>' or 'bean: <host bean name>'");
        }
    }

    /** A reference to a component declared in YAML. */
    public static Ref to(String component) {
        return new Ref(component, null);
    }

    /** A reference to a host bean. */
    public static Ref bean(String name) {
        return new Ref(null, name);
    }

    /** True for a {@code {bean: name}} reference. */
    @JsonIgnore
    public boolean isBean() {
        return bean != null;
    }

    /** The referenced name, whichever form is used. */
    @JsonIgnore
    public String name() {
        return isBean() ? bean : ref;
    }

    @Override
    public String toString() {
        return isBean() ? "bean '" + bean + "'" : "ref '" + ref + "'";
    }
}
