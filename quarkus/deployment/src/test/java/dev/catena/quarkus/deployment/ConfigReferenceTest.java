package dev.catena.quarkus.deployment;

import dev.catena.quarkus.runtime.CatenaBuildConfig;
import dev.catena.quarkus.runtime.CatenaConfig;
import dev.catena.quarkus.runtime.mcp.CatenaMcpConfig;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's configuration reference cannot drift from the {@code @ConfigMapping} interfaces: every
 * key of {@link CatenaConfig}, {@link CatenaBuildConfig} and {@link CatenaMcpConfig} (maps as
 * {@code <name>}) has a row of the
 * table, written in full, as {@code `parent.key`, `.leaf`} or for every section
 * ({@code quarkus.catena.<section>.<name>.default}), and a key with a default names it.
 */
class ConfigReferenceTest {

    record Key(String path, String defaultValue) {
        String parent() { return path.substring(0, path.lastIndexOf('.')); }
        String leaf() { return path.substring(path.lastIndexOf('.') + 1); }
    }

    @Test
    void everyConfigKeyHasARowOfTheReadmeTable() throws IOException {
        List<String> rows = Files.readAllLines(Path.of("../README.md")).stream().filter(l -> l.startsWith("| `quarkus.catena.")).toList();
        List<Key> keys = new ArrayList<>();
        collect("quarkus.catena", CatenaConfig.class, keys);
        collect("quarkus.catena", CatenaBuildConfig.class, keys);
        collect("quarkus.catena.mcp", CatenaMcpConfig.class, keys);
        assertThat(keys).extracting(Key::path).contains("quarkus.catena.memory.datasource", "quarkus.catena.models.<name>.type",
                "quarkus.catena.mcp.<name>.command", "quarkus.catena.mcp.<name>.lazy");

        List<String> missing = new ArrayList<>();
        for (Key key : keys) {
            Optional<String> row = rows.stream().filter(r -> documents(r, key)).findFirst();
            if (row.isEmpty()) {
                missing.add(key.path() + ": no row in the README's configuration reference");
            } else if (key.defaultValue() != null && !row.get().contains(key.defaultValue())) {
                missing.add(key.path() + ": its row does not name the default '" + key.defaultValue() + "'");
            }
        }
        assertThat(missing).isEmpty();
    }

    private static boolean documents(String row, Key key) {
        String cell = row.substring(0, row.indexOf(" | ") + 1);
        String anySection = key.path().replaceFirst("^quarkus\\.catena\\.[a-z-]+\\.<name>\\.", "quarkus.catena.<section>.<name>.");
        return cell.contains("`" + key.path() + "`") || cell.contains("`" + anySection + "`")
                || cell.contains("`" + key.parent() + ".") && cell.contains("`." + key.leaf() + "`");
    }

    private static void collect(String prefix, Class<?> mapping, List<Key> keys) {
        for (Method m : mapping.getDeclaredMethods()) {
            if (m.isDefault() || m.isSynthetic() || java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
            Type type = m.getGenericReturnType();
            boolean parentName = m.isAnnotationPresent(WithParentName.class);
            if (parentName && !(isMapOfGroups(type))) continue; // the spec fields: one generic row
            String name = m.isAnnotationPresent(WithName.class) ? m.getAnnotation(WithName.class).value() : kebab(m.getName());
            String path = parentName ? prefix : prefix + "." + name;
            if (isMapOfGroups(type)) {
                collect(path + ".<name>", (Class<?>) ((ParameterizedType) type).getActualTypeArguments()[1], keys);
            } else if (m.getReturnType().isInterface() && m.getReturnType().getName().startsWith("dev.catena.")) {
                collect(path, m.getReturnType(), keys);
            } else {
                WithDefault d = m.getAnnotation(WithDefault.class);
                keys.add(new Key(path, d == null ? null : d.value()));
            }
        }
    }

    /** A map of named configuration groups ({@code Map<String, Client>}), documented as {@code <name>}. */
    private static boolean isMapOfGroups(Type type) {
        return type instanceof ParameterizedType p && p.getRawType() == Map.class
                && p.getActualTypeArguments()[1] instanceof Class<?> value && value.isInterface();
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
