package dev.catena.core.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads template text from files and the classpath; the format follows the extension ({@code .mustache}). */
final class TemplateSources {
    private TemplateSources() {}

    static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new TemplateException("Template file not found: " + file.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template file " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    static String readClasspath(String resource, ClassLoader loader) {
        String name = resource.startsWith("/") ? resource.substring(1) : resource;
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) throw new TemplateException("Template resource not found on the classpath: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read template resource " + name + ": " + e.getMessage(), e);
        }
    }

    static TemplateFormat formatOf(String name) {
        return name.endsWith(".mustache") || name.endsWith(".mst") ? TemplateFormat.MUSTACHE : TemplateFormat.BRACES;
    }
}
