package dev.catena.chains.yaml;

import dev.catena.core.component.ComponentType;
import dev.catena.core.component.Ref;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A component with where it came from: file, key path, positions, the raw strings that held
 * placeholders, and the references its spec makes (each with its key path).
 */
record Declared(ComponentDefinition definition, ComponentType<?, ?> type, Path file, String path,
                YamlReader.Parsed source, Map<String, String> raw, List<RefUse> refs) {

    /** One reference in a spec, at a key path of the file. */
    record RefUse(Ref ref, String path) {}

    FileError error(String keyPath, String message) {
        Position p = source.at(keyPath);
        return new FileError(file, p.line(), p.column(), keyPath, message);
    }
}
