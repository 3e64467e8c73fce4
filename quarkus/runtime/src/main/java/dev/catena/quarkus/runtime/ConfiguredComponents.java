package dev.catena.quarkus.runtime;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.catena.chains.yaml.ComponentRegistry;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Creates the models and stores declared in {@code application.properties} through the same
 * registered component types YAML files use, so a type behaves alike in both places. Fields a type
 * does not know are an error naming the configuration key.
 */
final class ConfiguredComponents {

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private final ComponentRegistry registry;
    private final Set<String> allowedEnv;
    private final BiFunction<String, Class<?>, Object> resolver;

    ConfiguredComponents(ComponentRegistry registry, Set<String> allowedEnv, BiFunction<String, Class<?>, Object> resolver) {
        this.registry = registry;
        this.allowedEnv = allowedEnv;
        this.resolver = resolver;
    }

    /** Creates component {@code name} of a type registered under one of {@code kinds}. */
    Object create(String configPrefix, String name, String type, Map<String, Object> fields, String... kinds) {
        ComponentType<?, ?> componentType = null;
        for (String kind : kinds) {
            if (registry.kinds().contains(kind)) {
                componentType = registry.types(kind).get(type);
                if (componentType != null) break;
            }
        }
        if (componentType == null) {
            StringBuilder known = new StringBuilder();
            for (String kind : kinds) {
                if (registry.kinds().contains(kind)) known.append(registry.types(kind).keySet());
            }
            throw new IllegalStateException(configPrefix + "." + name + ".type: unknown type '" + type + "' (known: "
                    + (known.isEmpty() ? "none - add the module that provides it" : known) + ")");
        }
        Map<String, Object> present = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            if (v != null) present.put(k, v);
        });
        Object spec;
        try {
            spec = STRICT.convertValue(present, componentType.specClass());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(configPrefix + "." + name + ": " + rootMessage(e)
                    + " (type '" + type + "' accepts: " + fieldNames(componentType.specClass()) + ")", e);
        }
        return createTyped(componentType, spec, name);
    }

    @SuppressWarnings("unchecked")
    private <S> Object createTyped(ComponentType<S, ?> type, Object spec, String name) {
        return type.create((S) spec, new ComponentContext() {
            @Override public <T> T resolve(String ref, Class<T> t) { return t.cast(resolver.apply(ref, t)); }

            @Override public String env(String variable) {
                if (!allowedEnv.contains(variable)) {
                    throw new IllegalArgumentException("environment variable '" + variable + "' is not allowed (catena.allow-env)");
                }
                String value = System.getenv(variable);
                if (value == null) throw new IllegalArgumentException("environment variable '" + variable + "' is not set");
                return value;
            }

            @Override public String name() { return name; }

            @Override public Path path(String p) { return Path.of(p).toAbsolutePath().normalize(); }
        });
    }

    private static String fieldNames(Class<?> spec) {
        if (!spec.isRecord()) return "?";
        StringBuilder sb = new StringBuilder();
        for (var c : spec.getRecordComponents()) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(c.getName());
        }
        return sb.toString();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
