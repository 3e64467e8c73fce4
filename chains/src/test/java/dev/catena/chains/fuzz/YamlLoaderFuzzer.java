package dev.catena.chains.fuzz;

import dev.catena.chains.yaml.CatenaFileException;
import dev.catena.chains.yaml.CatenaLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzz target: an untrusted chain file through the YAML loader ({@code read}: parse, include,
 * placeholders, binding, references). Only {@link CatenaFileException} may escape; nothing may hang
 * or run out of memory.
 */
public final class YamlLoaderFuzzer {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("catena-yaml-fuzz");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private YamlLoaderFuzzer() {}

    public static void fuzzerTestOneInput(byte[] data) {
        Path file = DIR.resolve("input.yaml");
        try {
            Files.write(file, data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            CatenaLoader.builder().bean("kb", new Object()).allowEnv("CATENA_FUZZ").build().read(file);
        } catch (CatenaFileException expected) {
            // documented: the file is invalid, with located errors
        }
    }
}
