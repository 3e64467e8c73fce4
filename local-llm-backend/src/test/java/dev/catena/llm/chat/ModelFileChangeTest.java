package dev.catena.llm.chat;

import dev.catena.llm.compute.kernel.KernelBackends;
import dev.catena.testing.ExternalInputs;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A model file truncated, overwritten in place or deleted while its model is loaded, with the weights copied
 * into the native kernels' memory (the default) and read from the file mapping ({@code -Dcatena.weights=mapped}):
 * the process does not crash; the answer in flight fails with an error naming the file; later answers from the
 * same model fail the same way; the registry loads the file again (an overwrite with another model then
 * answers, a truncated or deleted file fails naming it). Each case runs in a JVM of its own
 * ({@link ModelFileChangeDriver}), so a fatal fault would show as its exit code.
 */
class ModelFileChangeTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} weights, file {1}")
    @CsvSource({
            "copied, truncate, 'truncated', 'GgufFormatException: '",
            "copied, overwrite, 'changed while the model was loaded', 'a new model, '",
            "copied, delete, 'it was deleted', 'UncheckedIOException: cannot open model file '",
            "mapped, truncate, 'truncated', 'GgufFormatException: '",
            "mapped, overwrite, 'changed while the model was loaded', 'a new model, '",
            "mapped, delete, 'it was deleted', 'UncheckedIOException: cannot open model file '"})
    void aModelFileChangedUnderARunningModelFailsClearlyWithoutACrash(String weights, String change, String how, String reload)
            throws Exception {
        ExternalInputs.require(KernelBackends.available().contains("native"),
                "no native kernels here: the copied and mapped weight paths are theirs");
        Path file = dir.resolve("model.gguf");
        Files.copy(resource("llama-q8_0.gguf"), file);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED", "-Xss4m"));
        if (weights.equals("mapped")) command.add("-Dcatena.weights=mapped");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ModelFileChangeDriver.class.getName(),
                change, file.toString(), resource("qwen2-q4_0-q5_0.gguf").toString()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try (var in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as("the JVM survived; its output:%n%s", output).isZero();
        assertThat(output).contains("BACKEND NativeKernelBackend", "FIRST ", "END");
        String prefix = "ModelFileChangedException: model file " + file + " changed while the model was loaded: ";
        assertThat(line(output, "INFLIGHT ")).startsWith(prefix).contains(how);
        assertThat(line(output, "LATER ")).startsWith(prefix).contains(how);
        assertThat(line(output, "RELOADED ")).startsWith(reload);
        if (!change.equals("overwrite")) assertThat(line(output, "RELOADED ")).contains(file.toString());
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst().map(l -> l.substring(prefix.length()))
                .orElseThrow(() -> new AssertionError("no line '" + prefix + "' in:\n" + output));
    }

    private static Path resource(String name) throws IOException {
        try {
            return Path.of(ModelFileChangeTest.class.getResource("/model/" + name).toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new IOException("test model " + name + " is missing", e);
        }
    }
}
