package dev.catena.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static dev.catena.cli.Poms.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each package of Catena's main sources lives in one module, so that no package is split across two jars; and the
 * retrievers' modules agree in folder, artifact and package: {@code retrievers/x} is {@code catena-retrievers-x} with
 * its packages under {@code dev.catena.retrievers.x}.
 */
class PackageNamesTest {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");

    @Test
    void noPackageIsSplitAcrossTwoModules() throws Exception {
        Map<String, Set<String>> modules = new TreeMap<>();
        for (Path dir : Poms.moduleDirs(ROOT)) {
            for (String p : packages(dir)) modules.computeIfAbsent(p, k -> new TreeSet<>()).add(ROOT.relativize(dir).toString());
        }
        assertThat(modules).containsKeys("dev.catena.retrievers.retrieval", "dev.catena.retrievers.lucene", "dev.catena.llm.compute");
        assertThat(modules.entrySet()).as("packages declared in more than one module")
                .filteredOn(e -> e.getValue().size() > 1).isEmpty();
    }

    @Test
    void retrieverModulesAgreeInFolderArtifactAndPackage() throws Exception {
        Path retrievers = ROOT.resolve("retrievers");
        Set<String> names = new TreeSet<>();
        for (Path dir : Poms.moduleDirs(ROOT)) {
            if (!retrievers.equals(dir.getParent())) continue;
            String name = dir.getFileName().toString();
            names.add(name);
            String artifact = Poms.text(Poms.read(dir.resolve("pom.xml")).getDocumentElement(), "artifactId");
            assertThat(artifact).as(name + "/pom.xml").isEqualTo("catena-retrievers-" + name);
            assertThat(packages(dir)).as("packages of retrievers/" + name).isNotEmpty()
                    .allMatch(p -> p.equals("dev.catena.retrievers." + name) || p.startsWith("dev.catena.retrievers." + name + "."));
        }
        assertThat(names).contains("lucene", "chroma", "documents", "onnx");
    }

    /** The packages that the main Java sources of the module at {@code dir} declare. */
    private static Set<String> packages(Path dir) throws IOException {
        Path sources = dir.resolve("src/main/java");
        Set<String> packages = new TreeSet<>();
        if (!Files.isDirectory(sources)) return packages;
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher m = PACKAGE.matcher(Files.readString(file));
                if (m.find()) packages.add(m.group(1));
            }
        }
        return packages;
    }
}
