package dev.catena.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replays the committed inputs of a fuzz target (seeds and past crashes, in the test resource
 * folder {@code fuzz/<TargetClassName>/}) through its {@code fuzzerTestOneInput(byte[])}, so every
 * input the fuzzer ever found stays a regression test of the normal build. {@code .ci/fuzz/run}
 * does the coverage-guided fuzzing itself.
 */
public final class FuzzCorpus {
    private FuzzCorpus() {}

    /** Runs every committed input through the target; returns how many ran. Any escaping exception fails. */
    public static int replay(Class<?> fuzzer) {
        Method target;
        try {
            target = fuzzer.getMethod("fuzzerTestOneInput", byte[].class);
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(fuzzer.getName() + " has no public static fuzzerTestOneInput(byte[])", e);
        }
        List<Path> inputs = inputs(fuzzer);
        for (Path input : inputs) {
            byte[] data;
            try {
                data = Files.readAllBytes(input);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try {
                target.invoke(null, (Object) data);
            } catch (InvocationTargetException e) {
                throw new AssertionError("Fuzz input " + input.getFileName() + " of " + fuzzer.getSimpleName()
                        + " raised an undocumented exception: " + e.getCause(), e.getCause());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        return inputs.size();
    }

    private static List<Path> inputs(Class<?> fuzzer) {
        URL dir = fuzzer.getClassLoader().getResource("fuzz/" + fuzzer.getSimpleName());
        if (dir == null) return List.of();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("Cannot list fuzz inputs of " + fuzzer.getName() + ": " + e.getMessage(), e);
        }
    }
}
