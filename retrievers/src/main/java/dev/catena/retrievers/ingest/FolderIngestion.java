package dev.catena.retrievers.ingest;

import dev.catena.retrievers.loader.DirectoryLoader;
import dev.catena.retrievers.loader.DocumentLoadException;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.splitter.RecursiveCharacterSplitter;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a store in step with a folder of documents (Markdown, HTML, PDF, text: whatever the
 * {@link DirectoryLoader} loads), re-ingesting only what changed. A manifest in the state directory
 * records each file's SHA-256; on {@link #sync()} unchanged files are not even read, new and changed
 * files go through the resumable {@link IngestionPipeline} (with its ledger in the same directory),
 * and the chunks of deleted files are removed from the store. With an unchanged folder nothing is
 * embedded.
 *
 * <p>A file that cannot be ingested (over the size limit, invalid UTF-8, a corrupt PDF) is skipped
 * with a warning naming it and the reason, and the rest is ingested; its earlier chunks, if any, are
 * removed, so that the store holds exactly the files that load. Chunks carry the file's path
 * relative to the folder (with {@code /}) as {@link MetadataKeys#SOURCE}. Progress (files, chunks,
 * rate) is logged.
 */
public final class FolderIngestion {

    private static final Logger LOG = LoggerFactory.getLogger(FolderIngestion.class);
    static final String MANIFEST = "files.manifest";
    static final String LEDGER = "ingest.ledger";

    private final Path folder;
    private final Path stateDir;
    private final EmbeddingStore<TextSegment> store;
    private final DirectoryLoader loader;
    private final long maxFileBytes;
    private final IngestionPipeline.Builder pipeline;

    private FolderIngestion(Builder b) {
        this.folder = Objects.requireNonNull(b.folder, "folder is required");
        this.stateDir = Objects.requireNonNull(b.stateDir, "stateDir is required");
        this.store = Objects.requireNonNull(b.store, "store is required");
        this.loader = b.loader;
        this.maxFileBytes = b.maxFileBytes;
        this.pipeline = IngestionPipeline.builder().store(store).splitter(b.splitter).batchSize(b.batchSize);
        if (b.embeddingModel != null) pipeline.embeddingModel(b.embeddingModel);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Brings the store up to date with the folder.
     *
     * @throws IllegalArgumentException when the folder does not exist or is not a directory (naming it)
     * @throws IngestionException when embedding or storing fails; run again to resume
     */
    public FolderReport sync() {
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("document folder " + folder.toAbsolutePath() + " does not exist or is not a directory");
        }
        long start = System.nanoTime();
        Map<String, String> before = readManifest();
        Map<String, String> after = new TreeMap<>();
        List<Document> changed = new ArrayList<>();
        List<FolderReport.Skipped> skipped = new ArrayList<>();
        List<Path> files = loader.files(folder);
        int unchanged = 0;
        for (Path file : files) {
            String source = folder.relativize(file).toString().replace('\\', '/');
            try {
                long size = Files.size(file);
                if (size > maxFileBytes) {
                    throw new DocumentLoadException(file, size + " bytes, over the limit of " + maxFileBytes + " bytes", null);
                }
                String hash = sha256(file);
                if (hash.equals(before.get(source))) {
                    after.put(source, hash);
                    unchanged++;
                    continue;
                }
                List<Document> docs = loader.loadFile(file);
                docs.forEach(d -> d.metadata().put(MetadataKeys.SOURCE, source));
                changed.addAll(docs);
                after.put(source, hash);
            } catch (DocumentLoadException | IOException | UncheckedIOException | IllegalArgumentException e) {
                String reason = e instanceof DocumentLoadException d ? d.reason() : e.toString();
                LOG.warn("Skipping {}: {}", file, reason);
                skipped.add(new FolderReport.Skipped(file, reason));
            }
        }
        LOG.info("Folder {}: {} files, {} unchanged, {} new or changed, {} skipped", folder, files.size(), unchanged,
                after.size() - unchanged, skipped.size());

        IngestionLedger ledger = IngestionLedger.open(stateDir.resolve(LEDGER));
        int removed = removeGone(ledger, before.keySet(), after.keySet());
        IngestionReport report = pipeline.ledger(ledger).listener(new ProgressLog(folder)).build().ingest(changed);
        writeManifest(after);
        FolderReport result = new FolderReport(files.size(), unchanged, after.size() - unchanged, before.keySet().stream()
                .filter(s -> !after.containsKey(s)).toList().size(), removed, List.copyOf(skipped), report);
        LOG.info("Folder {} in step: {} chunks embedded and stored ({} chunks/s), {} removed, {} ms", folder, report.added(),
                Math.round(report.chunksPerSecond()), removed + report.removed(), (System.nanoTime() - start) / 1_000_000);
        return result;
    }

    /** Removes the chunks of files that were ingested before but are gone now (deleted or no longer loadable). */
    private int removeGone(IngestionLedger ledger, Set<String> before, Set<String> now) {
        List<String> ids = new ArrayList<>();
        for (String source : before) {
            if (!now.contains(source)) ids.addAll(ledger.committedFrom(source));
        }
        if (ids.isEmpty()) return 0;
        try {
            store.removeAll(ids);
        } catch (RuntimeException e) {
            throw new IngestionException("cannot remove " + ids.size() + " chunks of deleted files from the store", e);
        }
        ledger.rollback(ids);
        return ids.size();
    }

    private Map<String, String> readManifest() {
        Map<String, String> manifest = new TreeMap<>();
        Path file = stateDir.resolve(MANIFEST);
        if (!Files.exists(file)) return manifest;
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int space = line.indexOf(' ');
                if (space == 64) manifest.put(line.substring(space + 1), line.substring(0, space));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ingestion manifest " + file, e);
        }
        return manifest;
    }

    /** Writes the manifest atomically (temporary file, then move), so a crash leaves the old one. */
    private void writeManifest(Map<String, String> manifest) {
        StringBuilder text = new StringBuilder();
        manifest.forEach((source, hash) -> text.append(hash).append(' ').append(source).append('\n'));
        Path file = stateDir.resolve(MANIFEST);
        try {
            Files.createDirectories(stateDir);
            Path tmp = stateDir.resolve(MANIFEST + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ingestion manifest " + file, e);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) digest.update(buffer, 0, n);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** Logs the chunks stored so far and the rate, at most every five seconds, and at the end. */
    private static final class ProgressLog implements IngestionListener {
        private final Path folder;
        private long start;
        private long lastLog;

        ProgressLog(Path folder) {
            this.folder = folder;
        }

        @Override
        public void onStart(int toStore, int skipped) {
            start = lastLog = System.nanoTime();
            if (toStore > 0) LOG.info("Folder {}: embedding {} chunks ({} already stored)", folder, toStore, skipped);
        }

        @Override
        public void onBatch(int stored, int toStore) {
            long now = System.nanoTime();
            if (now - lastLog >= 5_000_000_000L && stored < toStore) {
                lastLog = now;
                LOG.info("Folder {}: {}/{} chunks stored ({} chunks/s)", folder, stored, toStore,
                        Math.round(stored / ((now - start) / 1e9)));
            }
        }
    }

    /** Builds a {@link FolderIngestion}; folder, state directory and store are required. */
    public static final class Builder {
        private Path folder;
        private Path stateDir;
        private EmbeddingStore<TextSegment> store;
        private EmbeddingModel embeddingModel;
        private DocumentSplitter splitter = RecursiveCharacterSplitter.of(1000, 100);
        private DirectoryLoader loader = DirectoryLoader.builder().build();
        private int batchSize = 64;
        private long maxFileBytes = 20L * 1024 * 1024;

        private Builder() {
        }

        /** The folder of documents. */
        public Builder folder(Path folder) {
            this.folder = folder;
            return this;
        }

        /** Where the manifest and the ingestion ledger are kept; it must live as long as the store's data. */
        public Builder stateDir(Path stateDir) {
            this.stateDir = stateDir;
            return this;
        }

        public Builder store(EmbeddingStore<TextSegment> store) {
            this.store = store;
            return this;
        }

        /** The embedding model; defaults to the pipeline's. */
        public Builder embeddingModel(EmbeddingModel embeddingModel) {
            this.embeddingModel = embeddingModel;
            return this;
        }

        public Builder splitter(DocumentSplitter splitter) {
            this.splitter = Objects.requireNonNull(splitter, "splitter");
            return this;
        }

        /** Which files are loaded and how (default: txt, md, markdown, html, htm and pdf files anywhere below). */
        public Builder loader(DirectoryLoader loader) {
            this.loader = Objects.requireNonNull(loader, "loader");
            return this;
        }

        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Files larger than this are skipped with a warning (default 20 MiB). */
        public Builder maxFileBytes(long maxFileBytes) {
            if (maxFileBytes <= 0) throw new IllegalArgumentException("maxFileBytes must be positive, was " + maxFileBytes);
            this.maxFileBytes = maxFileBytes;
            return this;
        }

        public FolderIngestion build() {
            return new FolderIngestion(this);
        }
    }
}
