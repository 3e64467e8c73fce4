package dev.catena.quarkus.runtime;

import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The components declared in {@code application.properties} ({@code quarkus.catena.<section>.<name>.*}),
 * bound to their registered types' specs by {@link PropertySpecs} and created through the same
 * {@link ComponentType#create} YAML files use. All entries are checked before any is created, and
 * every problem is reported at once, each naming its property key.
 */
final class ConfiguredComponents {

    /** One named entry of a section, bound to its spec. */
    private record Declared(String key, ComponentType<?, ?> type, Object spec) {}

    private final Map<String, Declared> declared = new LinkedHashMap<>();
    private final Map<String, Object> created = new LinkedHashMap<>();
    private final Set<String> creating = new HashSet<>();
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final Function<String, Object> outside;

    /**
     * Binds every entry of {@code config}; throws {@link CatenaConfigException} listing every problem.
     *
     * @param outside resolves names that are not configured entries (host beans, the default memory)
     */
    ConfiguredComponents(ComponentRegistry registry, CatenaConfig config, Function<String, Object> outside) {
        this.outside = outside;
        List<String> problems = new ArrayList<>();
        bindSection(registry, "models", config.models(), problems);
        bindSection(registry, "embedding-models", config.embeddingModels(), problems);
        bindSection(registry, "stores", config.stores(), problems);
        bindSection(registry, "memories", config.memories(), problems);
        if (!problems.isEmpty()) throw new CatenaConfigException(problems);
    }

    private void bindSection(ComponentRegistry registry, String section, Map<String, CatenaConfig.Entry> entries, List<String> problems) {
        String kind = KnownTypes.SECTIONS.get(section);
        entries.forEach((name, entry) -> {
            String key = "quarkus.catena." + section + "." + name;
            ComponentType<?, ?> type = registry.find(kind, entry.type());
            if (type == null) {
                problems.add(key + ".type: " + KnownTypes.unknown(registry, kind, entry.type()));
                return;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            entry.fields().forEach((k, v) -> v.filter(s -> !s.isEmpty()).ifPresent(s -> fields.put(k, s)));
            fields.remove("type");
            fields.remove("default");
            try {
                Object spec = PropertySpecs.bind(key, type.specClass(), fields);
                Declared old = declared.putIfAbsent(name, new Declared(key, type, spec));
                if (old != null) problems.add(key + ": the name '" + name + "' is already used by " + old.key());
            } catch (CatenaConfigException e) {
                problems.addAll(e.problems());
            }
        });
    }

    /** Names of the configured components. */
    Set<String> names() {
        return declared.keySet();
    }

    /** True when {@code name} is a configured component. */
    boolean contains(String name) {
        return declared.containsKey(name);
    }

    /**
     * Creates every configured component (each once), in declaration order. One whose server does not
     * answer (a database down at start) is left out and kept in {@link #unavailable()}; any other failure is thrown.
     */
    Map<String, Object> createAll() {
        for (String name : declared.keySet()) {
            try {
                get(name);
            } catch (CatenaConfigException e) {
                if (!ConnectionFailures.isConnectionFailure(e)) throw e;
            }
        }
        return Map.copyOf(created);
    }

    /** The components created so far, by name. */
    synchronized Map<String, Object> created() {
        return Map.copyOf(created);
    }

    /** Components whose last creation failed because a server did not answer: name -> the problem, naming its key. */
    synchronized Map<String, String> unavailable() {
        return Map.copyOf(unavailable);
    }

    /** The kind ({@code Model}, {@code Store}...) of each configured component. */
    Map<String, String> kinds() {
        Map<String, String> out = new LinkedHashMap<>();
        declared.forEach((name, d) -> out.put(name, d.type().kind()));
        return out;
    }

    /** The component {@code name}, created on first use; references to other entries are created first. */
    synchronized Object get(String name) {
        Object existing = created.get(name);
        if (existing != null) return existing;
        Declared d = declared.get(name);
        if (d == null) return outside.apply(name);
        if (!creating.add(name)) throw new CatenaConfigException(List.of(d.key() + ": reference cycle through '" + name + "'"));
        try {
            Object value = create(d, name);
            created.put(name, value);
            unavailable.remove(name);
            return value;
        } catch (CatenaConfigException e) {
            if (ConnectionFailures.isConnectionFailure(e)) unavailable.put(name, d.key() + ": " + e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            String problem = d.key() + " (type " + d.type().type() + "): cannot create: " + message(e);
            if (ConnectionFailures.isConnectionFailure(e)) unavailable.put(name, problem);
            throw new CatenaConfigException(List.of(problem), e);
        } finally {
            creating.remove(name);
        }
    }

    @SuppressWarnings("unchecked")
    private <S> Object create(Declared d, String name) {
        ComponentType<S, ?> type = (ComponentType<S, ?>) d.type();
        return type.create((S) d.spec(), new ComponentContext() {
            @Override public <T> T resolve(String ref, Class<T> t) {
                Object value = get(ref);
                if (!t.isInstance(value)) {
                    throw new IllegalArgumentException("reference '" + ref + "' is a " + value.getClass().getSimpleName() + ", not a " + t.getSimpleName());
                }
                return t.cast(value);
            }

            /** The application's own configuration names the variable, so no allow-list applies here. */
            @Override public String env(String variable) {
                String value = System.getenv(variable);
                if (value == null) throw new IllegalArgumentException("environment variable '" + variable + "' is not set");
                return value;
            }

            @Override public String name() { return name; }

            @Override public Path path(String p) { return Path.of(p).toAbsolutePath().normalize(); }
        });
    }

    private static String message(Throwable e) {
        String m = e.getMessage() == null ? e.toString() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
