package dev.catena.agents.mcp;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A stdio server does not outlive the JVM that started it, even when the application never closes it. */
class ServerLifetimeTest {

    @Test
    void theServerProcessEndsWithTheJvm() throws Exception {
        String server = ReferenceServers.modules().resolve(".bin/mcp-server-everything").toString();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OpenAndExit.class.getName(), server, "stdio")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String line;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            line = out.readLine();
        }
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(line).startsWith("server pid ");
        long pid = Long.parseLong(line.substring("server pid ".length()));
        Optional<ProcessHandle> left = ProcessHandle.of(pid);
        // the JVM's shutdown hook stopped it; the system reaps it shortly after
        if (left.isPresent()) left.get().onExit().get(30, TimeUnit.SECONDS);
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("server process %d outlived its JVM", pid).isEmpty();
    }
}
