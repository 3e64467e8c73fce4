package dev.catena.chains.yaml;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated file with everything it includes: the file's own {@link Document} and every
 * component visible to references, by name. Obtain one from {@link CatenaLoader#read}.
 */
public final class Definition {

    private final Path file;
    private final Path baseDir;
    private final Map<Path, Document> documents;
    private final Map<String, Declared> components;

    Definition(Path file, Path baseDir, Map<Path, Document> documents, Map<String, Declared> components) {
        this.file = file;
        this.baseDir = baseDir;
        this.documents = Collections.unmodifiableMap(new LinkedHashMap<>(documents));
        this.components = Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** The file that was read. */
    public Path file() {
        return file;
    }

    /** What the file itself says (not its includes). */
    public Document document() {
        return documents.get(file);
    }

    /** Every file read (the file, then its includes), with its document. */
    public Map<Path, Document> documents() {
        return documents;
    }

    /** Every component of the file and its includes, by name. */
    public Map<String, ComponentDefinition> components() {
        Map<String, ComponentDefinition> out = new LinkedHashMap<>();
        components.forEach((k, v) -> out.put(k, v.definition()));
        return out;
    }

    /** Names of the components of one kind, in file order. */
    public List<String> names(String kind) {
        return components.values().stream().filter(d -> d.definition().kind().equals(kind))
                .map(d -> d.definition().name()).toList();
    }

    /** The directory that includes and {@code ${file:}} values may not escape. */
    public Path baseDir() {
        return baseDir;
    }

    Map<String, Declared> declared() {
        return components;
    }
}
