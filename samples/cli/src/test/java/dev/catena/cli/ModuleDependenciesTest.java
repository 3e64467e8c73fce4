package dev.catena.cli;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.catena.cli.Poms.ROOT;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the modules' poms declare: command-line parsing (picocli) only in the samples, the CLI among them;
 * no sample compiles against the test support (catena-test-support: scripted models, external inputs).
 */
class ModuleDependenciesTest {

    private record Module(Path dir, Element project) {
        boolean sample() {
            return dir.startsWith(ROOT.resolve("samples"));
        }

        List<Poms.Dependency> dependencies() {
            return Poms.dependencies(project);
        }

        @Override
        public String toString() {
            return ROOT.relativize(dir) + "/pom.xml";
        }
    }

    private static List<Module> modules() throws Exception {
        List<Module> modules = new ArrayList<>();
        for (Path dir : Poms.moduleDirs(ROOT)) modules.add(new Module(dir, Poms.read(dir.resolve("pom.xml")).getDocumentElement()));
        return modules;
    }

    @Test
    void noLibraryModuleDependsOnPicocli() throws Exception {
        List<Module> libraries = modules().stream().filter(m -> !m.sample()).toList();
        assertThat(libraries).extracting(Module::toString).contains("chains/pom.xml", "agents/pom.xml", "local-llm-backend/pom.xml");
        for (Module m : libraries) {
            assertThat(m.dependencies()).as(m.toString()).noneMatch(d -> "picocli".equals(d.artifactId()));
        }
    }

    @Test
    void noSampleCompilesAgainstTheTestSupport() throws Exception {
        List<Module> samples = modules().stream().filter(Module::sample).toList();
        assertThat(samples).extracting(Module::toString).contains("samples/cli/pom.xml", "samples/book-translator/pom.xml");
        for (Module m : samples) {
            assertThat(m.dependencies()).as(m.toString())
                    .noneMatch(d -> "catena-test-support".equals(d.artifactId()) && (d.scope() == null || d.scope().equals("compile")));
        }
    }
}
