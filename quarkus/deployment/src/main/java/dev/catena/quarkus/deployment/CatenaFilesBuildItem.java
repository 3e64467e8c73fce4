package dev.catena.quarkus.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

import java.util.Map;
import java.util.Set;

/** The validated Catena YAML files of the application, the type of each component, and referenced host beans. */
final class CatenaFilesBuildItem extends SimpleBuildItem {
    private final Map<String, String> contents;
    private final Map<String, String> productTypes;
    private final Set<String> hostBeans;

    CatenaFilesBuildItem(Map<String, String> contents, Map<String, String> productTypes, Set<String> hostBeans) {
        this.contents = Map.copyOf(contents);
        this.productTypes = Map.copyOf(productTypes);
        this.hostBeans = Set.copyOf(hostBeans);
    }

    Map<String, String> contents() { return contents; }

    Map<String, String> productTypes() { return productTypes; }

    Set<String> hostBeans() { return hostBeans; }
}
