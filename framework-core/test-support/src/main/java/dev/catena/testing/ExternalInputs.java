package dev.catena.testing;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one rule for tests whose input lives outside the repository (a model file, a server, a browser,
 * native kernels): when it is missing the test is skipped on a developer's machine but fails on CI
 * (environment variable {@code CI} set, as CI services and {@code .ci/run} do), so a broken setup step
 * can never turn into silent skips.
 */
public final class ExternalInputs {
    /** The real Gemma 3 270M file that {@code .ci/setup.d/10-gemma.sh} installs. */
    public static final String GEMMA = "gemma-3-270m-q4_k_m.gguf";

    private ExternalInputs() {}

    /** True when the {@code CI} environment variable is set (to anything but empty or "false"). */
    public static boolean onCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false");
    }

    /**
     * Returns when {@code present}; otherwise skips the test, or fails it on CI. {@code missing} says what
     * is missing and how to get it.
     */
    public static void require(boolean present, String missing) {
        if (present) return;
        if (onCi()) {
            Assertions.fail(missing + " (a failure because CI is set: the CI setup must provide it)");
        }
        Assumptions.abort(missing + "; skipping (with CI set this fails)");
    }

    /** {@code $CATENA_MODEL_DIR}, or {@code ~/.cache/catena/models}, where the CI setup puts model files. */
    public static Path modelDir() {
        String dir = System.getenv("CATENA_MODEL_DIR");
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "catena", "models");
    }

    /** Where model {@code file} is expected, present or not (for configuration built before a test runs). */
    public static Path modelPath(String file) {
        return modelDir().resolve(file);
    }

    /** Model {@code file} in {@link #modelDir()}, required as by {@link #require}; {@code setup} installs it. */
    public static Path model(String file, String setup) {
        Path path = modelPath(file);
        require(Files.isRegularFile(path), "model file " + path + " is missing (run: " + setup + ", or set CATENA_MODEL_DIR)");
        return path;
    }

    /** The real Gemma 3 270M file, required as by {@link #require}. */
    public static Path gemma() {
        return model(GEMMA, "bash .ci/setup.d/10-gemma.sh");
    }
}
