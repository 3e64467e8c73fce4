package dev.catena.retrievers.lucene;

import dev.catena.retrievers.ingest.FolderIngestion;
import dev.catena.retrievers.ingest.FolderReport;
import dev.catena.retrievers.ingest.WordHashEmbeddingModel;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.splitter.RecursiveCharacterSplitter;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A folder kept in step with an on-disk Lucene store: only changed files are embedded, deletions removed, bad files skipped. */
class FolderIngestionTest {

    @TempDir
    Path tmp;
    Path folder;
    Path state;
    WordHashEmbeddingModel model;

    @BeforeEach
    void folderOfDocuments() throws Exception {
        folder = Files.createDirectories(tmp.resolve("kb"));
        state = tmp.resolve("state");
        model = new WordHashEmbeddingModel();
        Files.writeString(folder.resolve("shipping.md"), "# Shipping\n\nStandard shipping takes 3 to 5 business days.\n");
        Files.writeString(folder.resolve("returns.md"), "# Returns\n\nYou can return any item within 30 days for a refund.\n");
        Files.createDirectories(folder.resolve("faq"));
        Files.writeString(folder.resolve("faq/hours.txt"), "Our team answers Monday to Friday, 08:00 to 20:00.");
        Files.writeString(folder.resolve("faq/privacy.html"), "<html><head><title>Privacy</title></head><body><p>We never sell personal data.</p></body></html>");
        Files.writeString(folder.resolve("notes.csv"), "ignored,because,no,loader");
    }

    private FolderReport sync(long maxBytes) {
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().directory(state.resolve("index")).dimension(64).build()) {
            return FolderIngestion.builder().folder(folder).stateDir(state).store(store).embeddingModel(model)
                    .splitter(RecursiveCharacterSplitter.of(200, 0)).maxFileBytes(maxBytes).build().sync();
        }
    }

    private Set<String> storedSources() {
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().directory(state.resolve("index")).dimension(64).build()) {
            List<EmbeddingMatch<TextSegment>> all = store.search(EmbeddingSearchRequest.builder()
                    .queryEmbedding(Embedding.from(unit())).maxResults(1000).build()).matches();
            Set<String> sources = new TreeSet<>();
            all.forEach(m -> sources.add(m.embedded().metadata().getString(MetadataKeys.SOURCE)));
            assertThat(all).hasSize(store.size());
            return sources;
        }
    }

    private static float[] unit() {
        float[] v = new float[64];
        v[0] = 1;
        return v;
    }

    @Test
    void anUnchangedFolderIsNotEmbeddedAgainAndChangesAreFollowed() throws Exception {
        FolderReport first = sync(1_000_000);
        assertThat(first.files()).isEqualTo(4);
        assertThat(first.changed()).isEqualTo(4);
        assertThat(first.ingestion().added()).isEqualTo(model.embedded.get()).isGreaterThanOrEqualTo(4);
        assertThat(storedSources()).containsExactly("faq/hours.txt", "faq/privacy.html", "returns.md", "shipping.md");

        int calls = model.calls.get();
        FolderReport again = sync(1_000_000);
        assertThat(model.calls.get()).as("embedding calls on an unchanged folder").isEqualTo(calls);
        assertThat(again.unchanged()).isEqualTo(4);
        assertThat(again.changed()).isZero();
        assertThat(again.ingestion().added()).isZero();

        Files.writeString(folder.resolve("shipping.md"), "# Shipping\n\nExpress shipping arrives the next day for 12.95 euros.\n");
        Files.delete(folder.resolve("returns.md"));
        Files.writeString(folder.resolve("faq/warranty.md"), "# Warranty\n\nTwo years on every product.\n");
        int embeddedBefore = model.embedded.get();
        FolderReport changes = sync(1_000_000);
        assertThat(changes.unchanged()).isEqualTo(2);
        assertThat(changes.changed()).isEqualTo(2);
        assertThat(changes.deleted()).isEqualTo(1);
        assertThat(changes.removed()).isPositive();
        assertThat(changes.ingestion().removed()).as("the old shipping chunk").isEqualTo(1);
        assertThat(model.embedded.get() - embeddedBefore).as("only the changed and the new file are embedded").isEqualTo(2);
        assertThat(storedSources()).containsExactly("faq/hours.txt", "faq/privacy.html", "faq/warranty.md", "shipping.md");
    }

    @Test
    void unreadableFilesAreSkippedNamingThemAndTheRestIsIngested() throws Exception {
        Files.write(folder.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xE9, ' ', 'o', 'k'});
        Files.write(folder.resolve("broken.pdf"), "%PDF-1.7\nthis is not really a PDF\n".getBytes());
        Files.writeString(folder.resolve("huge.md"), "# Huge\n\n" + "lorem ipsum ".repeat(200));
        FolderReport report = sync(1_000);

        assertThat(report.skipped()).extracting(s -> folder.relativize(s.file()).toString())
                .containsExactlyInAnyOrder("broken.pdf", "huge.md", "latin1.txt");
        assertThat(report.skipped()).anySatisfy(s -> assertThat(s.reason()).contains("not valid UTF-8"))
                .anySatisfy(s -> assertThat(s.reason()).contains("not a readable PDF"))
                .anySatisfy(s -> assertThat(s.reason()).contains("over the limit of 1000 bytes"));
        assertThat(storedSources()).containsExactly("faq/hours.txt", "faq/privacy.html", "returns.md", "shipping.md");

        // Fixed on disk: ingested on the next sync; a file that turns bad has its old chunks removed.
        Files.writeString(folder.resolve("latin1.txt"), "café ok");
        Files.write(folder.resolve("returns.md"), new byte[] {(byte) 0xFF, (byte) 0xFE});
        FolderReport next = sync(1_000);
        assertThat(next.skipped()).extracting(s -> s.file().getFileName().toString())
                .containsExactlyInAnyOrder("broken.pdf", "huge.md", "returns.md");
        assertThat(storedSources()).containsExactly("faq/hours.txt", "faq/privacy.html", "latin1.txt", "shipping.md");
    }

    @Test
    void aMissingFolderFailsNamingIt() {
        Path missing = tmp.resolve("no-such-kb");
        try (LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().inMemory().dimension(64).build()) {
            assertThatThrownBy(() -> FolderIngestion.builder().folder(missing).stateDir(state).store(store).embeddingModel(model)
                    .build().sync()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(missing.toString())
                    .hasMessageContaining("does not exist");
        }
        assertThat(model.calls.get()).isZero();
    }
}
