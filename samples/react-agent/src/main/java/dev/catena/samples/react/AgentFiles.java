package dev.catena.samples.react;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A temporary working directory holding the agent's files: the bundled {@code agent.yaml} and the {@code model.yaml}
 * it includes. Closing it deletes the directory.
 *
 * @param dir the directory
 */
record AgentFiles(Path dir) implements AutoCloseable {

    /** The bundled agent file on the class path. */
    static final String AGENT = "react-agent/agent.yaml";

    /** A new directory with the bundled agent file and {@code modelYaml} as its {@code model.yaml}. */
    static AgentFiles write(String modelYaml) throws IOException {
        AgentFiles files = new AgentFiles(Files.createTempDirectory("catena-react-agent"));
        try {
            files.copyResource(AGENT, "agent.yaml");
            Files.writeString(files.dir.resolve("model.yaml"), modelYaml);
            return files;
        } catch (IOException | RuntimeException e) {
            files.close();
            throw e;
        }
    }

    /** The agent file. */
    Path agentFile() {
        return dir.resolve("agent.yaml");
    }

    /** Copies the class-path resource {@code name} into the directory as {@code fileName}. */
    Path copyResource(String name, String fileName) throws IOException {
        Path target = dir.resolve(fileName);
        try (InputStream in = AgentFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing from the class path");
            Files.copy(in, target);
        }
        return target;
    }

    /** A YAML single-quoted string. */
    static String quoted(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    @Override
    public void close() {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException | UncheckedIOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
