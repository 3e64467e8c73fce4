package dev.catena.cli;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the build's pom.xml files: modules, direct children's text, declared dependencies. */
final class Poms {

    static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();

    private Poms() {
    }

    /** A dependency as its pom declares it; scope null when not given (compile). */
    record Dependency(String groupId, String artifactId, String type, String scope) {}

    /** The directories of every module under {@code dir} (itself included), recursively. */
    static List<Path> moduleDirs(Path dir) throws Exception {
        List<Path> dirs = new ArrayList<>(List.of(dir));
        for (String module : modules(read(dir.resolve("pom.xml")).getDocumentElement())) {
            dirs.addAll(moduleDirs(dir.resolve(module).normalize()));
        }
        return dirs;
    }

    static List<String> modules(Element project) {
        List<String> modules = new ArrayList<>();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("modules")) {
                NodeList list = e.getElementsByTagName("module");
                for (int i = 0; i < list.getLength(); i++) modules.add(list.item(i).getTextContent().strip());
            }
        }
        return modules;
    }

    /** The dependencies of the project's {@code <dependencies>} (not its dependency management). */
    static List<Dependency> dependencies(Element project) {
        List<Dependency> out = new ArrayList<>();
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("dependencies")) {
                NodeList list = e.getElementsByTagName("dependency");
                for (int i = 0; i < list.getLength(); i++) {
                    Element d = (Element) list.item(i);
                    out.add(new Dependency(text(d, "groupId"), text(d, "artifactId"), text(d, "type"), text(d, "scope")));
                }
            }
        }
        return out;
    }

    /** The text of {@code parent}'s direct child element {@code name}, or null. */
    static String text(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) return e.getTextContent().strip();
        }
        return null;
    }

    static Document read(Path pom) throws Exception {
        assertThat(pom).isRegularFile();
        try (var in = Files.newInputStream(pom)) {
            return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in);
        }
    }
}
