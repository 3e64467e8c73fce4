package dev.catena.chains.yaml;

import dev.catena.core.component.ComponentType;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The allow-list of component types a file may name: built-ins and extensions registered through
 * {@link ServiceLoader}. Nothing else can be created from a file.
 */
public final class ComponentRegistry {

    /** Keys that the file format itself uses and that specs may therefore not declare. */
    public static final Set<String> RESERVED = Set.of("apiVersion", "kind", "name", "type", "include");

    private final Map<String, Map<String, ComponentType<?, ?>>> byKind;

    private ComponentRegistry(Collection<? extends ComponentType<?, ?>> types) {
        Map<String, Map<String, ComponentType<?, ?>>> map = new TreeMap<>();
        for (ComponentType<?, ?> t : types) {
            if (t.kind() == null || !t.kind().matches("[A-Z][A-Za-z]*")) {
                throw new IllegalArgumentException("component type " + t.getClass().getName() + " has an invalid kind '" + t.kind() + "' (expected e.g. Model)");
            }
            if ("Bundle".equals(t.kind())) throw new IllegalArgumentException("kind Bundle is reserved for files (" + t.getClass().getName() + ")");
            if (t.type() == null || !t.type().matches("[a-z][a-z0-9-]*")) {
                throw new IllegalArgumentException("component type " + t.getClass().getName() + " has an invalid type '" + t.type() + "' (expected lower-case-with-dashes)");
            }
            if (!t.specClass().isRecord()) {
                throw new IllegalArgumentException("spec of " + t.kind() + " '" + t.type() + "' must be a record, not " + t.specClass().getName());
            }
            for (RecordComponent rc : t.specClass().getRecordComponents()) {
                if (RESERVED.contains(SpecBinder.fieldName(rc))) {
                    throw new IllegalArgumentException("spec " + t.specClass().getName() + " declares reserved field '" + rc.getName() + "'");
                }
            }
            ComponentType<?, ?> old = map.computeIfAbsent(t.kind(), k -> new TreeMap<>()).putIfAbsent(t.type(), t);
            if (old != null) {
                throw new IllegalArgumentException(t.kind() + " type '" + t.type() + "' is registered twice: "
                        + old.getClass().getName() + " and " + t.getClass().getName());
            }
        }
        this.byKind = map;
    }

    /** The types registered through {@code META-INF/services/dev.catena.core.component.ComponentType}. */
    @SuppressWarnings({"rawtypes", "unchecked"})
    public static ComponentRegistry fromServiceLoader(ClassLoader loader) {
        List<ComponentType<?, ?>> types = new ArrayList<>();
        for (ComponentType t : ServiceLoader.load(ComponentType.class, loader)) types.add(t);
        return new ComponentRegistry(types);
    }

    /** The types registered through ServiceLoader on this class's loader. */
    public static ComponentRegistry fromServiceLoader() {
        return fromServiceLoader(ComponentRegistry.class.getClassLoader());
    }

    /** A registry of exactly these types. */
    public static ComponentRegistry of(Collection<? extends ComponentType<?, ?>> types) {
        return new ComponentRegistry(types);
    }

    /** Registered kinds, sorted. */
    public Set<String> kinds() {
        return new TreeSet<>(byKind.keySet());
    }

    /** Types of one kind by type name, sorted; empty for an unknown kind. */
    public Map<String, ComponentType<?, ?>> types(String kind) {
        return byKind.getOrDefault(kind, Map.of());
    }

    /** The type, or null. */
    public ComponentType<?, ?> find(String kind, String type) {
        return types(kind).get(type);
    }

    /** The Bundle section that lists components of {@code kind}: lower-case plural ({@code Memory} -> {@code memories}). */
    public static String section(String kind) {
        String lower = kind.substring(0, 1).toLowerCase(Locale.ROOT) + kind.substring(1);
        if (lower.endsWith("y")) return lower.substring(0, lower.length() - 1) + "ies";
        if (lower.endsWith("s")) return lower + "es";
        return lower + "s";
    }

    /** Section name to kind, for every registered kind. */
    public Map<String, String> sections() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : byKind.keySet()) out.put(section(k), k);
        return out;
    }
}
