package dev.catena.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

import java.util.Map;
import java.util.Set;

/** The validated Catena YAML files of the application, the type and file of each component, and referenced host beans. */
final class CatenaFilesBuildItem extends SimpleBuildItem {
    private final String directory;
    private final Map<String, String> contents;
    private final Map<String, String> productTypes;
    private final Map<String, String> origins;
    private final Map<String, DeclaredType> declaredTypes;
    private final Set<String> hostBeans;

    CatenaFilesBuildItem(String directory, Map<String, String> contents, Map<String, String> productTypes, Map<String, String> origins,
                         Map<String, DeclaredType> declaredTypes, Set<String> hostBeans) {
        this.directory = directory;
        this.contents = Map.copyOf(contents);
        this.declaredTypes = Map.copyOf(declaredTypes);
        this.productTypes = Map.copyOf(productTypes);
        this.origins = Map.copyOf(origins);
        this.hostBeans = Set.copyOf(hostBeans);
    }

    /** The class-path directory of the files ({@code quarkus.catena.directory}). */
    String directory() { return directory; }

    /** File path relative to {@link #directory()} -> its text. */
    Map<String, String> contents() { return contents; }

    Map<String, String> productTypes() { return productTypes; }

    /** Component name -> the file declaring it. */
    Map<String, String> origins() { return origins; }

    /** Component name -> its kind and type as written in its file. */
    Map<String, DeclaredType> declaredTypes() { return declaredTypes; }

    Set<String> hostBeans() { return hostBeans; }
}
