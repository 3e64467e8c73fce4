package dev.catena.retrievers.loader;

import dev.langchain4j.data.document.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * Loads every file under a directory whose path (relative to the directory, with {@code /}
 * separators) matches one of the include globs and none of the exclude globs. The loader is chosen
 * by file extension; files are visited in sorted order so that results are reproducible. Text and
 * Markdown are built in; the loaders of every {@link FileLoaderProvider} on the class path are added
 * (HTML and PDF come with {@code dev.catena:catena-retrievers-documents}).
 *
 * <pre>{@code
 * List<Document> docs = DirectoryLoader.builder().include("**.md").exclude("drafts/**").build().load(dir);
 * }</pre>
 */
public final class DirectoryLoader {

    /** File types whose loaders Catena ships in another artifact: such a file is an error naming it, not skipped. */
    private static final Map<String, String> ELSEWHERE = Map.of(
            "html", "dev.catena:catena-retrievers-documents",
            "htm", "dev.catena:catena-retrievers-documents",
            "pdf", "dev.catena:catena-retrievers-documents");

    private final List<String> includes;
    private final List<String> excludes;
    private final Map<String, FileLoader> loaders;

    private DirectoryLoader(Builder b) {
        this.includes = List.copyOf(b.includes.isEmpty() ? List.of("**") : b.includes);
        this.excludes = List.copyOf(b.excludes);
        this.loaders = Map.copyOf(b.loaders);
    }

    /** A loader for txt, md and markdown files, and the file types of the {@link FileLoaderProvider}s on the class path. */
    public static Builder builder() {
        return new Builder();
    }

    /** Loads the matching files under {@code dir}. */
    public List<Document> load(Path dir) {
        List<Document> docs = new ArrayList<>();
        for (Path file : files(dir)) docs.addAll(loadFile(file));
        return docs;
    }

    /**
     * The files under {@code dir} that match the globs and have a loader, in sorted order; files of a type
     * whose loader is in a Catena artifact missing from the class path are listed too, so that loading them
     * says which artifact to add.
     */
    public List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) throw new IllegalArgumentException("not a directory: " + dir);
        List<PathMatcher> in = includes.stream().map(DirectoryLoader::glob).toList();
        List<PathMatcher> out = excludes.stream().map(DirectoryLoader::glob).toList();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        List<Path> matching = new ArrayList<>();
        for (Path file : files) {
            Path rel = Path.of(dir.relativize(file).toString().replace('\\', '/'));
            if (in.stream().noneMatch(m -> m.matches(rel)) || out.stream().anyMatch(m -> m.matches(rel))) continue;
            String ext = extension(file);
            if (loaders.containsKey(ext) || ELSEWHERE.containsKey(ext)) matching.add(file);
        }
        return matching;
    }

    /**
     * Loads one file with the loader of its extension.
     *
     * @throws DocumentLoadException naming the file when it cannot be read or parsed, or has no loader
     */
    public List<Document> loadFile(Path file) {
        String ext = extension(file);
        FileLoader loader = loaders.get(ext);
        if (loader != null) return loader.load(file);
        String artifact = ELSEWHERE.get(ext);
        throw new DocumentLoadException(file, artifact != null
                ? "no loader for ." + ext + " files on the class path: add " + artifact + " to the dependencies"
                : "no loader for its extension (known: " + loaders.keySet() + ")", null);
    }

    private static PathMatcher glob(String pattern) {
        return FileSystems.getDefault().getPathMatcher("glob:" + pattern);
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** Builds a {@link DirectoryLoader}. */
    public static final class Builder {
        private final List<String> includes = new ArrayList<>();
        private final List<String> excludes = new ArrayList<>();
        private final Map<String, FileLoader> loaders = new LinkedHashMap<>();

        private Builder() {
            loaders.put("txt", new TextLoader());
            loaders.put("md", new MarkdownLoader());
            loaders.put("markdown", new MarkdownLoader());
            for (FileLoaderProvider provider : ServiceLoader.load(FileLoaderProvider.class, DirectoryLoader.class.getClassLoader())) {
                provider.loaders().forEach(this::loader);
            }
        }

        /** Adds include globs (e.g. {@code **.md}, {@code docs/*.txt}); none means every file. */
        public Builder include(String... globs) {
            includes.addAll(List.of(globs));
            return this;
        }

        /** Adds exclude globs; a file matching any of them is skipped. */
        public Builder exclude(String... globs) {
            excludes.addAll(List.of(globs));
            return this;
        }

        /** Uses {@code loader} for files with {@code extension} (without the dot). */
        public Builder loader(String extension, FileLoader loader) {
            loaders.put(extension.toLowerCase(Locale.ROOT), loader);
            return this;
        }

        public DirectoryLoader build() {
            return new DirectoryLoader(this);
        }
    }
}
