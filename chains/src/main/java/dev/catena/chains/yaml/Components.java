package dev.catena.chains.yaml;

import dev.catena.core.component.Closing;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import dev.catena.core.component.Ref;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The components of a {@link Definition}, created on first use (each once, references first).
 * Closing them closes every created component that holds a resource (an MCP server's process, a
 * connection), the last created first. Thread-safe.
 */
public final class Components implements AutoCloseable {

    private final Definition definition;
    private final Map<String, Object> beans;
    private final CatenaLoader loader;
    private final Map<String, Object> created = new LinkedHashMap<>();
    private final Set<String> creating = new LinkedHashSet<>();
    private boolean closed;

    Components(Definition definition, Map<String, Object> beans, CatenaLoader loader) {
        this.definition = definition;
        this.beans = beans;
        this.loader = loader;
    }

    /** The definition these components come from. */
    public Definition definition() {
        return definition;
    }

    /** The component named {@code name}, created if needed; fails if it is not a {@code type}. */
    public synchronized <T> T get(String name, Class<T> type) {
        if (closed) throw new IllegalStateException("the components of " + definition.file() + " are closed");
        Declared d = definition.declared().get(name);
        if (d == null) {
            throw new IllegalArgumentException("no component named '" + name + "' in " + definition.file()
                    + " (known: " + SpecBinder.list(definition.declared().keySet()) + ")");
        }
        Object value = create(d);
        if (!type.isInstance(value)) {
            throw new CatenaFileException(d.error(d.path(), "component '" + name + "' is a " + d.definition().kind()
                    + " (" + value.getClass().getSimpleName() + "), not a " + type.getSimpleName()));
        }
        return type.cast(value);
    }

    /**
     * Closes the created components that are {@link AutoCloseable}, the last created first (a
     * component is closed before those it references); all are tried, the first failure is thrown.
     * Asking for a component afterwards fails.
     */
    @Override
    public synchronized void close() {
        closed = true;
        List<Object> values = new ArrayList<>(created.values());
        created.clear();
        Collections.reverse(values);
        Closing.closeAll(values);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object create(Declared d) {
        String name = d.definition().name();
        Object done = created.get(name);
        if (done != null) return done;
        if (!creating.add(name)) {
            throw new CatenaFileException(d.error(d.path(), "cyclic reference: " + String.join(" -> ", creating) + " -> " + name));
        }
        try {
            ComponentType type = d.type();
            Object value;
            try {
                value = type.create(d.definition().spec(), new Context(d));
            } catch (CatenaFileException e) {
                throw e;
            } catch (RuntimeException e) {
                CatenaFileException located = new CatenaFileException(d.error(d.path(), "cannot create " + d.definition().kind() + " '" + name
                        + "' (type " + d.definition().type() + "): " + e.getMessage()));
                located.initCause(e); // a host tells a database that is down from a bad spec by the cause
                throw located;
            }
            if (value == null) {
                throw new CatenaFileException(d.error(d.path(), d.definition().kind() + " type " + d.definition().type() + " created nothing"));
            }
            created.put(name, value);
            return value;
        } finally {
            creating.remove(name);
        }
    }

    /** The context handed to one component's type while it is created. */
    private final class Context implements ComponentContext {
        private final Declared d;

        Context(Declared d) {
            this.d = d;
        }

        @Override
        public <T> T resolve(String ref, Class<T> type) {
            return definition.declared().containsKey(ref) || !beans.containsKey(ref)
                    ? resolve(Ref.to(ref), type) : resolve(Ref.bean(ref), type);
        }

        @Override
        public <T> T resolve(Ref ref, Class<T> type) {
            String at = d.refs().stream().filter(u -> u.ref().equals(ref)).map(Declared.RefUse::path).findFirst().orElse(d.path());
            Object value;
            if (ref.isBean()) {
                value = beans.get(ref.bean());
                if (value == null) {
                    throw new CatenaFileException(d.error(at, "unknown bean '" + ref.bean() + "' (registered: "
                            + SpecBinder.list(beans.keySet().stream().sorted().toList()) + ")"));
                }
            } else {
                Declared target = definition.declared().get(ref.ref());
                if (target == null) {
                    throw new CatenaFileException(d.error(at, "unknown ref '" + ref.ref() + "' (known: "
                            + SpecBinder.list(definition.declared().keySet()) + ")"));
                }
                value = create(target);
            }
            if (!type.isInstance(value)) {
                throw new CatenaFileException(d.error(at, ref + " is a " + value.getClass().getSimpleName()
                        + ", expected a " + type.getSimpleName()));
            }
            return type.cast(value);
        }

        @Override
        public String env(String name) {
            try {
                return loader.env(name);
            } catch (IllegalArgumentException e) {
                throw new CatenaFileException(d.error(d.path(), e.getMessage()));
            }
        }

        @Override
        public String name() {
            return d.definition().name();
        }

        @Override
        public Path path(String relative) {
            try {
                return CatenaLoader.inside(definition.baseDir(), d.file(), relative);
            } catch (IllegalArgumentException e) {
                throw new CatenaFileException(d.error(d.path(), e.getMessage()));
            }
        }
    }
}
