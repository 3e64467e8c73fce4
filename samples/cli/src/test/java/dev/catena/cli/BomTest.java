package dev.catena.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** catena-bom lists exactly the library artifacts the build produces (every module but the samples and integration tests), at the build's version. */
class BomTest {

    private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

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

    private static List<String> modules(Element project) {
        List<String> modules = new ArrayList<>();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("modules")) {
                NodeList list = e.getElementsByTagName("module");
                for (int i = 0; i < list.getLength(); i++) modules.add(list.item(i).getTextContent().strip());
            }
        }
        return modules;
    }

    /** The text of {@code parent}'s direct child element {@code name}, or null. */
    private static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) return e.getTextContent().strip();
        }
        return null;
    }

    private static Document read(Path pom) throws Exception {
        assertThat(pom).isRegularFile();
        try (var in = Files.newInputStream(pom)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }
}
