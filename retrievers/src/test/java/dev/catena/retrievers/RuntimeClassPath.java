package dev.catena.retrievers;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run-time class path that Maven resolves for the module under test, as a user of it gets it: written to
 * {@code target/runtime-class-path.txt} by {@code maven-dependency-plugin:build-classpath} (see the module's pom).
 */
public final class RuntimeClassPath {

    private RuntimeClassPath() {
    }

    /** The file names of the class path's entries (jars, or {@code classes} for modules of this build). */
    public static List<String> fileNames() throws IOException {
        Path file = Path.of("target/runtime-class-path.txt");
        assertThat(file).as("written by maven-dependency-plugin:build-classpath").isRegularFile();
        return Arrays.stream(Files.readString(file).strip().split(File.pathSeparator))
                .map(p -> Path.of(p).getFileName().toString()).toList();
    }

    /** Asserts that a jar named {@code present}* is on the class path (so it was read) and none named {@code absent}*. */
    public static void assertJars(String present, String... absent) throws IOException {
        List<String> jars = fileNames();
        assertThat(jars).as("the class path itself").anyMatch(j -> j.startsWith(present));
        assertThat(jars).noneMatch(j -> Arrays.stream(absent).anyMatch(j::startsWith));
    }
}
