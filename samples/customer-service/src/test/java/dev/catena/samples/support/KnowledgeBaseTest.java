package dev.catena.samples.support;

import dev.catena.retrievers.onnx.EmbeddingModels;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The knowledge base from a folder: bundled by default, persistent, re-embedding only what changed. */
class KnowledgeBaseTest {

    static final EmbeddingModel MINILM = EmbeddingModels.miniLmQuantized();

    @TempDir
    Path tmp;

    /** MiniLM, counting the segments it embeds. */
    static final class CountingModel implements EmbeddingModel {
        final AtomicInteger segments = new AtomicInteger();

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> texts) {
            segments.addAndGet(texts.size());
            return MINILM.embedAll(texts);
        }

        @Override
        public int dimension() {
            return MINILM.dimension();
        }
    }

    private static List<String> files(List<Source> sources) {
        return sources.stream().map(Source::file).toList();
    }

    @Test
    void bundledPagesAnswerTheDemoQuestionsAndARestartEmbedsNothing() {
        CountingModel model = new CountingModel();
        KnowledgeBase kb = KnowledgeBase.standalone(Optional.empty(), tmp.resolve("state"), model);
        try {
            assertThat(files(kb.search("退货有多少天？", 4))).first().isEqualTo("zh-returns.md");
            assertThat(files(kb.search("发票怎么开？", 4))).first().isEqualTo("zh-invoice.md");
            assertThat(files(kb.search("How long does standard shipping take?", 4))).first().isEqualTo("shipping.md");
            assertThat(kb.lastSync().changed()).isEqualTo(15);
            assertThat(model.segments.get()).isGreaterThanOrEqualTo(15);
        } finally {
            kb.close();
        }

        CountingModel restarted = new CountingModel();
        KnowledgeBase again = KnowledgeBase.standalone(Optional.empty(), tmp.resolve("state"), restarted);
        try {
            assertThat(again.lastSync().unchanged()).isEqualTo(15);
            assertThat(restarted.segments.get()).as("segments embedded at a restart with an unchanged folder").isZero();
            assertThat(files(again.search("退货有多少天？", 4))).first().isEqualTo("zh-returns.md");
        } finally {
            again.close();
        }
    }

    @Test
    void aFolderOfTheUsersOwnDocumentsIsIndexedAndFollowed() throws Exception {
        Path folder = Files.createDirectories(tmp.resolve("docs"));
        Files.writeString(folder.resolve("pets.md"), "# Pets\n\nDogs and cats may stay in every room for 15 euros a night.\n");
        Files.writeString(folder.resolve("parking.html"),
                "<html><head><title>Parking</title></head><body><p>The garage under the hotel costs 20 euros a day.</p></body></html>");
        Files.write(folder.resolve("broken.pdf"), "%PDF-1.4 not a real pdf".getBytes());
        CountingModel model = new CountingModel();
        KnowledgeBase kb = KnowledgeBase.standalone(Optional.of(folder), tmp.resolve("state"), model);
        try {
            assertThat(files(kb.search("Can I bring my dog?", 2))).first().isEqualTo("pets.md");
            assertThat(files(kb.search("How much is the garage?", 2))).first().isEqualTo("parking.html");
            assertThat(kb.lastSync().skipped()).singleElement().satisfies(s -> {
                assertThat(s.file().getFileName().toString()).isEqualTo("broken.pdf");
                assertThat(s.reason()).contains("not a readable PDF");
            });
        } finally {
            kb.close();
        }

        Files.delete(folder.resolve("pets.md"));
        CountingModel restarted = new CountingModel();
        KnowledgeBase again = KnowledgeBase.standalone(Optional.of(folder), tmp.resolve("state"), restarted);
        try {
            assertThat(again.lastSync().deleted()).isEqualTo(1);
            assertThat(restarted.segments.get()).as("segments embedded at start-up after a deletion").isZero();
            assertThat(files(again.search("Can I bring my dog?", 2))).doesNotContain("pets.md");
        } finally {
            again.close();
        }
    }

    @Test
    void aMissingFolderFailsNamingItsPath() {
        Path missing = tmp.resolve("no-such-folder");
        KnowledgeBase kb = KnowledgeBase.standalone(Optional.of(missing), tmp.resolve("state"), new CountingModel());
        assertThatThrownBy(() -> kb.search("anything", 2)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(missing.toString()).hasMessageContaining("support.kb.dir");
    }
}
