package dev.catena.chains.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catena.core.component.ComponentType;
import dev.catena.core.component.Ref;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads declarative Catena files ({@code apiVersion: catena/v1}): parses them with hard limits,
 * follows {@code include:}, resolves allow-listed {@code ${env:}} and {@code ${file:}} values, binds
 * every component strictly to the spec of its registered type and checks references. Every error
 * found is reported at once, each with file, line, column and key path. Nothing is created or run
 * by {@link #read}; {@link #load} creates components lazily.
 */
public final class CatenaLoader {

    private final ComponentRegistry registry;
    private final Map<String, Object> beans;
    private final Set<String> allowedEnv;
    private final Map<String, String> environment;

    private CatenaLoader(Builder b) {
        this.registry = b.registry != null ? b.registry : ComponentRegistry.fromServiceLoader();
        this.beans = Map.copyOf(b.beans);
        this.allowedEnv = Set.copyOf(b.allowedEnv);
        this.environment = b.environment;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A loader with the ServiceLoader registry, no beans and no environment variables allowed. */
    public static CatenaLoader defaults() {
        return builder().build();
    }

    /** The registry this loader creates components from. */
    public ComponentRegistry registry() {
        return registry;
    }

    /** Reads and validates {@code file} and its includes; throws {@link CatenaFileException} listing every error. */
    public Definition read(Path file) {
        Path root = file.toAbsolutePath().normalize();
        Reading r = new Reading(root.getParent());
        r.readFile(root, file, new ArrayDeque<>(), null);
        r.checkReferences();
        if (!r.errors.isEmpty()) throw new CatenaFileException(r.errors);
        return new Definition(root, r.base, r.documents, r.components);
    }

    /** Reads {@code file} and returns its components, created on first use. */
    public Components load(Path file) {
        return new Components(read(file), beans, this);
    }

    /** Components of an already read definition. */
    public Components components(Definition definition) {
        return new Components(definition, beans, this);
    }

    String env(String name) {
        if (!allowedEnv.contains(name)) {
            throw new IllegalArgumentException("environment variable '" + name + "' is not on the allow-list (allowed: "
                    + SpecBinder.list(new TreeSet<>(allowedEnv)) + ")");
        }
        String value = environment.get(name);
        if (value == null) throw new IllegalArgumentException("environment variable '" + name + "' is not set");
        return value;
    }

    /** {@code relative} resolved against {@code file}'s directory; must stay inside {@code base}. */
    static Path inside(Path base, Path file, String relative) {
        if (relative == null || relative.isBlank()) throw new IllegalArgumentException("empty path");
        Path rel;
        try {
            rel = Path.of(relative);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid path '" + relative + "'");
        }
        if (rel.isAbsolute() || relative.startsWith("/") || relative.startsWith("\\")) {
            throw new IllegalArgumentException("path '" + relative + "' is absolute; use a path relative to " + file.getFileName());
        }
        Path resolved = file.getParent().resolve(rel).normalize();
        if (!resolved.startsWith(base)) {
            throw new IllegalArgumentException("path '" + relative + "' escapes the base directory " + base);
        }
        if (Files.exists(resolved)) {
            try {
                Path real = resolved.toRealPath();
                if (!real.startsWith(base.toRealPath())) {
                    throw new IllegalArgumentException("path '" + relative + "' leads outside the base directory " + base + " (through a link)");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot resolve path '" + relative + "': " + e.getMessage());
            }
        }
        return resolved;
    }

    /** The state of one {@link #read}: files seen, components found, errors. */
    private final class Reading {
        final Path base;
        final Map<Path, Document> documents = new LinkedHashMap<>();
        final Map<String, Declared> components = new LinkedHashMap<>();
        final List<FileError> errors = new ArrayList<>();
        /** Names of components that have errors of their own: references to them are not reported again. */
        final Set<String> failed = new HashSet<>();

        Reading(Path base) {
            this.base = base;
        }

        void readFile(Path file, Path shown, Deque<Path> stack, FileError includedAt) {
            if (documents.containsKey(file)) return;
            YamlReader.Parsed parsed;
            try {
                parsed = YamlReader.read(file);
            } catch (CatenaFileException e) {
                errors.addAll(e.errors());
                return;
            }
            stack.push(file);
            try {
                readDocument(file, parsed, stack);
            } finally {
                stack.pop();
            }
        }

        private void readDocument(Path file, YamlReader.Parsed parsed, Deque<Path> stack) {
            JsonNode root = parsed.root();
            if (!(root instanceof ObjectNode doc)) {
                errors.add(at(file, parsed, "", "expected a mapping with apiVersion and kind, got " + SpecBinder.describe(root)));
                return;
            }
            JsonNode api = doc.get("apiVersion");
            if (api == null) {
                errors.add(at(file, parsed, "", "missing required field 'apiVersion' (expected " + Document.API_VERSION + ")"));
            } else if (!Document.API_VERSION.equals(api.asText()) || !api.isTextual()) {
                errors.add(at(file, parsed, "apiVersion", "unsupported apiVersion '" + api.asText() + "' (expected " + Document.API_VERSION + ")"));
            }
            JsonNode kindNode = doc.get("kind");
            Set<String> kinds = new TreeSet<>(registry.kinds());
            kinds.add("Bundle");
            if (kindNode == null || !kindNode.isTextual()) {
                errors.add(at(file, parsed, kindNode == null ? "" : "kind", "missing or invalid 'kind' (expected one of " + SpecBinder.list(kinds) + ")"));
                return;
            }
            String kind = kindNode.textValue();
            if (!kinds.contains(kind)) {
                errors.add(at(file, parsed, "kind", "unknown kind '" + kind + "' (known: " + SpecBinder.list(kinds) + ")"));
                return;
            }
            List<String> includes = includes(file, parsed, doc, stack);
            List<ComponentDefinition> defs = new ArrayList<>();
            boolean ok = true;
            if (kind.equals("Bundle")) {
                Map<String, String> sections = registry.sections();
                for (var it = doc.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    if (key.equals("apiVersion") || key.equals("kind") || key.equals("include")) continue;
                    String sectionKind = sections.get(key);
                    if (sectionKind == null) {
                        errors.add(at(file, parsed, key, "unknown section '" + key + "' (known: "
                                + SpecBinder.list(List.of(listWith("include", sections.keySet()))) + ")"));
                        ok = false;
                        continue;
                    }
                    JsonNode items = doc.get(key);
                    if (!items.isArray()) {
                        errors.add(at(file, parsed, key, "wrong value type: expected a list of " + sectionKind + " components, got " + SpecBinder.describe(items)));
                        ok = false;
                        continue;
                    }
                    for (int i = 0; i < items.size(); i++) {
                        ComponentDefinition d = component(file, parsed, sectionKind, key + "[" + i + "]", items.get(i), Set.of());
                        if (d == null) ok = false; else defs.add(d);
                    }
                }
            } else {
                ComponentDefinition d = component(file, parsed, kind, "", doc, Set.of("apiVersion", "kind", "include"));
                if (d == null) ok = false; else defs.add(d);
            }
            if (ok) documents.put(file, new Document(kind, includes, defs));
            else documents.put(file, null);
        }

        private String listWith(String first, Set<String> rest) {
            List<String> all = new ArrayList<>();
            all.add(first);
            all.addAll(rest);
            return String.join(", ", all);
        }

        private List<String> includes(Path file, YamlReader.Parsed parsed, ObjectNode doc, Deque<Path> stack) {
            JsonNode node = doc.get("include");
            if (node == null) return List.of();
            if (!node.isArray()) {
                errors.add(at(file, parsed, "include", "wrong value type: expected a list of relative paths, got " + SpecBinder.describe(node)));
                return List.of();
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String p = "include[" + i + "]";
                JsonNode item = node.get(i);
                if (!item.isTextual()) {
                    errors.add(at(file, parsed, p, "wrong value type: expected a relative path, got " + SpecBinder.describe(item)));
                    continue;
                }
                out.add(item.textValue());
                Path target;
                try {
                    target = inside(base, file, item.textValue());
                } catch (IllegalArgumentException e) {
                    errors.add(at(file, parsed, p, "cannot include: " + e.getMessage()));
                    continue;
                }
                if (stack.contains(target)) {
                    List<String> cycle = new ArrayList<>();
                    stack.descendingIterator().forEachRemaining(s -> cycle.add(s.getFileName().toString()));
                    cycle.add(target.getFileName().toString());
                    errors.add(at(file, parsed, p, "include cycle: " + String.join(" -> ", cycle)));
                    continue;
                }
                if (!Files.isRegularFile(target)) {
                    errors.add(at(file, parsed, p, "included file '" + item.textValue() + "' does not exist"));
                    continue;
                }
                readFile(target, target, stack, null);
            }
            return out;
        }

        private ComponentDefinition component(Path file, YamlReader.Parsed parsed, String kind, String path, JsonNode node, Set<String> skip) {
            if (!(node instanceof ObjectNode obj)) {
                errors.add(at(file, parsed, path, "wrong value type: expected a " + kind + " component (a mapping with name and type), got " + SpecBinder.describe(node)));
                return null;
            }
            String name = text(file, parsed, obj, path, "name", "a unique component name");
            String typeName = text(file, parsed, obj, path, "type", "one of " + SpecBinder.list(registry.types(kind).keySet()));
            if (name != null && !name.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
                errors.add(at(file, parsed, key(path, "name"), "invalid name '" + name + "' (use letters, digits, '-', '_', '.')"));
                name = null;
            }
            if (typeName == null) {
                if (name != null) failed.add(name);
                return null;
            }
            ComponentType<?, ?> type = registry.find(kind, typeName);
            if (type == null) {
                if (name != null) failed.add(name);
                errors.add(at(file, parsed, key(path, "type"), "unknown " + kind + " type '" + typeName + "' (known: "
                        + SpecBinder.list(registry.types(kind).keySet()) + ")"));
                return null;
            }
            ObjectNode fields = obj.deepCopy();
            fields.remove("name");
            fields.remove("type");
            fields.remove(skip);
            Map<String, String> raw = new LinkedHashMap<>();
            List<Placeholders.Problem> placeholderProblems = new ArrayList<>();
            Placeholders.resolve(fields, "", (scheme, arg) -> placeholder(file, scheme, arg), raw, placeholderProblems);
            for (Placeholders.Problem p : placeholderProblems) errors.add(at(file, parsed, key(path, p.path()), p.message()));
            if (!placeholderProblems.isEmpty()) {
                if (name != null) failed.add(name);
                return null;
            }
            List<SpecBinder.Problem> problems = new ArrayList<>();
            Object spec = SpecBinder.bind(type.specClass(), fields, problems);
            for (SpecBinder.Problem p : problems) errors.add(at(file, parsed, key(path, p.path()), p.message()));
            if (spec == null && name != null) failed.add(name);
            if (spec == null || name == null) return null;
            ComponentDefinition def = new ComponentDefinition(kind, name, typeName, spec);
            List<Declared.RefUse> refs = new ArrayList<>();
            collectRefs(spec, path, refs, 0);
            Declared declared = new Declared(def, type, file, path, parsed, raw, refs);
            Declared old = components.putIfAbsent(name, declared);
            if (old != null) {
                Position p = old.source().at(old.path());
                errors.add(at(file, parsed, key(path, "name"), "duplicate component name '" + name + "' (first declared at "
                        + old.file().getFileName() + ":" + p.line() + ":" + p.column() + ")"));
                return null;
            }
            return def;
        }

        private String placeholder(Path file, String scheme, String arg) {
            return switch (scheme) {
                case "env" -> env(arg);
                case "file" -> {
                    Path target = inside(base, file, arg);
                    try {
                        if (!Files.isRegularFile(target)) throw new IllegalArgumentException("file '" + arg + "' does not exist");
                        if (Files.size(target) > YamlReader.MAX_FILE_BYTES) {
                            throw new IllegalArgumentException("file '" + arg + "' is larger than " + YamlReader.MAX_FILE_BYTES + " bytes");
                        }
                        yield Files.readString(target, StandardCharsets.UTF_8);
                    } catch (IOException e) {
                        throw new IllegalArgumentException("cannot read file '" + arg + "': " + e.getMessage());
                    }
                }
                default -> throw new IllegalArgumentException("unknown placeholder '${" + scheme + ":...}' (expected ${env:NAME} or ${file:relative/path})");
            };
        }

        private String text(Path file, YamlReader.Parsed parsed, ObjectNode obj, String path, String field, String expected) {
            JsonNode v = obj.get(field);
            if (v == null || v.isNull()) {
                errors.add(at(file, parsed, path, "missing required field '" + field + "' (expected " + expected + ")"));
                return null;
            }
            if (!v.isTextual()) {
                errors.add(at(file, parsed, key(path, field), "wrong value type: expected " + expected + ", got " + SpecBinder.describe(v)));
                return null;
            }
            return v.textValue();
        }

        /** Finds the {@link Ref}s in a bound spec, walking records, lists and maps of the registered spec type. */
        private void collectRefs(Object value, String path, List<Declared.RefUse> out, int depth) {
            if (value == null || depth > YamlReader.MAX_DEPTH) return;
            switch (value) {
                case Ref r -> out.add(new Declared.RefUse(r, path));
                case List<?> l -> {
                    for (int i = 0; i < l.size(); i++) collectRefs(l.get(i), path + "[" + i + "]", out, depth + 1);
                }
                case Map<?, ?> m -> m.forEach((k, v) -> collectRefs(v, key(path, String.valueOf(k)), out, depth + 1));
                case Record rec -> {
                    for (RecordComponent rc : rec.getClass().getRecordComponents()) {
                        try {
                            collectRefs(rc.getAccessor().invoke(rec), key(path, SpecBinder.fieldName(rc)), out, depth + 1);
                        } catch (ReflectiveOperationException | RuntimeException e) {
                            // a spec accessor that cannot be read holds no reference we can check
                        }
                    }
                }
                default -> { }
            }
        }

        void checkReferences() {
            Map<String, List<String>> graph = new HashMap<>();
            for (Declared d : components.values()) {
                List<String> targets = new ArrayList<>();
                for (Declared.RefUse use : d.refs()) {
                    Ref r = use.ref();
                    if (r.isBean()) {
                        if (!beans.containsKey(r.bean())) {
                            errors.add(d.error(use.path(), "unknown bean '" + r.bean() + "' (registered: "
                                    + SpecBinder.list(new TreeSet<>(beans.keySet())) + ")"));
                        }
                    } else if (!components.containsKey(r.ref()) && !failed.contains(r.ref())) {
                        errors.add(d.error(use.path(), "unknown ref '" + r.ref() + "' (known: "
                                + SpecBinder.list(components.keySet()) + ")"));
                    } else if (components.containsKey(r.ref())) {
                        targets.add(r.ref());
                    }
                }
                graph.put(d.definition().name(), targets);
            }
            Set<String> done = new HashSet<>();
            for (String start : components.keySet()) findCycle(start, graph, new LinkedHashSet<>(), done);
        }

        private void findCycle(String node, Map<String, List<String>> graph, LinkedHashSet<String> path, Set<String> done) {
            if (done.contains(node)) return;
            if (path.contains(node)) {
                List<String> cycle = new ArrayList<>();
                boolean in = false;
                for (String p : path) {
                    if (p.equals(node)) in = true;
                    if (in) cycle.add(p);
                }
                cycle.add(node);
                Declared from = components.get(path.getLast());
                String at = from.refs().stream().filter(u -> Objects.equals(u.ref().ref(), node)).map(Declared.RefUse::path)
                        .findFirst().orElse(from.path());
                errors.add(from.error(at, "cyclic ref: " + String.join(" -> ", cycle)));
                return;
            }
            path.add(node);
            for (String next : graph.getOrDefault(node, List.of())) {
                findCycle(next, graph, path, done);
            }
            path.remove(node);
            done.add(node);
        }

        private FileError at(Path file, YamlReader.Parsed parsed, String path, String message) {
            Position p = parsed.at(path);
            return new FileError(file, p.line(), p.column(), path, message);
        }
    }

    static String key(String path, String field) {
        if (field.isEmpty()) return path;
        if (path.isEmpty()) return field;
        return field.startsWith("[") ? path + field : path + "." + field;
    }

    /** Builder of {@link CatenaLoader}. */
    public static final class Builder {
        private ComponentRegistry registry;
        private final Map<String, Object> beans = new LinkedHashMap<>();
        private final Set<String> allowedEnv = new LinkedHashSet<>();
        private Map<String, String> environment = System.getenv();

        /** The registry of allowed types (default: ServiceLoader). */
        public Builder registry(ComponentRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** A host object that files may reference as {@code {bean: name}}. */
        public Builder bean(String name, Object bean) {
            beans.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(bean, "bean"));
            return this;
        }

        /** Environment variables that files may read with {@code ${env:NAME}}. */
        public Builder allowEnv(String... names) {
            for (String n : names) allowedEnv.add(Objects.requireNonNull(n, "name"));
            return this;
        }

        /** Where {@code ${env:NAME}} values come from (default: the process environment). */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(environment);
            return this;
        }

        public CatenaLoader build() {
            return new CatenaLoader(this);
        }
    }
}
