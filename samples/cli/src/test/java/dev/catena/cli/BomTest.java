package dev.catena.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import static dev.catena.cli.Poms.ROOT;
import static dev.catena.cli.Poms.modules;
import static dev.catena.cli.Poms.read;
import static dev.catena.cli.Poms.text;
import static org.assertj.core.api.Assertions.assertThat;

/** catena-bom lists exactly the library artifacts the build produces (every module but the samples and integration tests), at the build's version. */
class BomTest {

    @Test
    void theBomListsEveryLibraryArtifactOfTheBuild() throws Exception {
        Set<String> built = new TreeSet<>();
        collect(ROOT, built);
        Document bom = read(ROOT.resolve("framework-core/bom/pom.xml"));
        Set<String> listed = new TreeSet<>();
        NodeList deps = bom.getElementsByTagName("dependency");
        for (int i = 0; i < deps.getLength(); i++) {
            Element d = (Element) deps.item(i);
            assertThat(text(d, "groupId")).isEqualTo("dev.catena");
            assertThat(text(d, "version")).isEqualTo("${project.version}");
            listed.add(text(d, "artifactId"));
        }
        assertThat(built).contains("catena-core", "catena-chains", "catena-local-llm-backend");
        assertThat(listed).as("framework-core/bom/pom.xml against the modules of the build").isEqualTo(built);
        assertThat(text(bom.getDocumentElement(), "version")).isEqualTo(text(read(ROOT.resolve("pom.xml")).getDocumentElement(), "version"));
    }

    /** The jar artifacts of the module at {@code dir} and its submodules; samples, integration-test modules and the BOM itself left out. */
    private static void collect(Path dir, Set<String> out) throws Exception {
        Element project = read(dir.resolve("pom.xml")).getDocumentElement();
        String packaging = text(project, "packaging");
        if (packaging == null || packaging.equals("jar")) {
            out.add(text(project, "artifactId"));
        }
        for (String module : modules(project)) {
            Path child = dir.resolve(module).normalize();
            if (child.startsWith(ROOT.resolve("samples")) || child.equals(ROOT.resolve("framework-core/bom"))
                    || child.getFileName().toString().equals("integration-tests")) continue;
            collect(child, out);
        }
    }
}
