package dev.catena.retrievers.lucene;

import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.onnx.EmbeddingModels;
import dev.catena.retrievers.retrieval.Contents;
import dev.catena.retrievers.retrieval.HybridRetriever;
import dev.catena.retrievers.retrieval.MmrRetriever;
import dev.catena.retrievers.retrieval.ParentDocumentRetriever;
import dev.catena.retrievers.retrieval.RankFusion;
import dev.catena.retrievers.retrieval.SegmentStore;
import dev.catena.retrievers.retrieval.VectorRetriever;
import dev.catena.retrievers.splitter.ParentChildSplitter;
import dev.catena.retrievers.splitter.RecursiveCharacterSplitter;
import dev.catena.retrievers.splitter.SentenceSplitter;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RetrieversTest {

    static final EmbeddingModel MODEL = EmbeddingModels.defaultModel();

    static TextSegment seg(String text, String source, int version) {
        return TextSegment.from(text, new Metadata().put(MetadataKeys.SOURCE, source).put("version", version));
    }

    static final List<TextSegment> SEGMENTS = List.of(
            seg("Files are encrypted with AES-256 before upload.", "encryption.md", 4),
            seg("Conflicting edits are saved as a conflicted copy.", "conflicts.md", 4),
            seg("Limit upload bandwidth in the network preferences.", "bandwidth.md", 3),
            seg("Error NX-401 means the session expired; sign in again.", "nx401.md", 4),
            seg("The mobile app uploads camera photos over Wi-Fi.", "mobile.md", 2));

    static InMemoryEmbeddingStore<TextSegment> store(List<TextSegment> segments) {
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < segments.size(); i++) ids.add("id-" + i);
        store.addAll(ids, MODEL.embedAll(segments).content(), segments);
        return store;
    }

    static Bm25Index index(List<TextSegment> segments) {
        Bm25Index index = new Bm25Index();
        for (int i = 0; i < segments.size(); i++) index.add("id-" + i, segments.get(i));
        return index;
    }

    static List<String> sources(List<Content> contents) {
        return contents.stream().map(c -> c.textSegment().metadata().getString(MetadataKeys.SOURCE)).toList();
    }

    @Test
    void vectorRetrieverRanksBySimilarityAndHonoursScoreAndFilter() {
        var store = store(SEGMENTS);
        VectorRetriever retriever = VectorRetriever.builder().store(store).embeddingModel(MODEL).maxResults(2).build();
        List<Content> top = retriever.retrieve("how is my data protected with encryption?");
        assertThat(sources(top)).hasSize(2).first().isEqualTo("encryption.md");
        assertThat(top.get(0).metadata()).containsKeys(ContentMetadata.SCORE, ContentMetadata.EMBEDDING_ID);
        assertThat(top.get(0).metadata().get(ContentMetadata.EMBEDDING_ID)).isEqualTo("id-0");

        VectorRetriever strict = VectorRetriever.builder().store(store).embeddingModel(MODEL).minScore(0.99).build();
        assertThat(strict.retrieve("how is my data protected with encryption?")).isEmpty();

        VectorRetriever filtered = VectorRetriever.builder().store(store).embeddingModel(MODEL).maxResults(5)
                .filter(metadataKey("version").isLessThan(4)).build();
        assertThat(sources(filtered.retrieve("encryption"))).containsExactlyInAnyOrder("bandwidth.md", "mobile.md");
        assertThat(sources(filtered.retrieve(Query.from("encryption"), metadataKey("version").isEqualTo(2))))
                .containsExactly("mobile.md");
    }

    @Test
    void bm25RanksByTermStatisticsAndFilters() {
        Bm25Index index = index(SEGMENTS);
        assertThat(sources(Bm25Retriever.of(index, 3).retrieve("NX-401"))).containsExactly("nx401.md");
        assertThat(sources(Bm25Retriever.of(index, 3).retrieve("uploading photos"))).first().isEqualTo("mobile.md");
        assertThat(Bm25Retriever.of(index, 3).retrieve("the of and")).isEmpty();
        assertThat(sources(Bm25Retriever.of(index, 5, metadataKey("version").isEqualTo(3)).retrieve("upload")))
                .containsExactly("bandwidth.md");

        index.remove("id-3");
        assertThat(index.size()).isEqualTo(4);
        assertThat(Bm25Retriever.of(index, 3).retrieve("NX-401")).isEmpty();

        Bm25Index chinese = new Bm25Index();
        chinese.add("a", TextSegment.from("文件同步已完成"));
        chinese.add("b", TextSegment.from("账单和发票"));
        assertThat(chinese.keywordSearch("发票在哪里", 5, null)).extracting(m -> m.embeddingId()).containsExactly("b");
    }

    @Test
    void bm25PrefersRareTermsAndShortDocuments() {
        Bm25Index index = new Bm25Index();
        index.add("common", TextSegment.from("sync sync sync files"));
        index.add("rare", TextSegment.from("sync quota"));
        index.add("long", TextSegment.from("quota " + "filler ".repeat(30)));
        var matches = index.keywordSearch("sync quota", 3, null);
        assertThat(matches).extracting(m -> m.embeddingId()).containsExactly("rare", "common", "long");
        assertThat(matches.get(0).score()).isGreaterThan(matches.get(1).score());
    }

    @Test
    void reciprocalRankFusionSumsReciprocalRanks() {
        Content a = Content.from(seg("a", "a.md", 1));
        Content b = Content.from(seg("b", "b.md", 1));
        Content c = Content.from(seg("c", "c.md", 1));
        List<Content> fused = RankFusion.fuse(List.of(List.of(a, b), List.of(c, b)), 10);
        assertThat(sources(fused)).containsExactly("b.md", "a.md", "c.md");
        assertThat(Contents.score(fused.get(0))).isCloseTo(1.0 / 62 + 1.0 / 62, within(1e-12));
        assertThat(Contents.score(fused.get(1))).isCloseTo(1.0 / 61, within(1e-12));

        List<Content> weighted = RankFusion.fuse(List.of(List.of(a, b), List.of(c, b)), List.of(1.0, 3.0), 60, 2);
        assertThat(sources(weighted)).containsExactly("b.md", "c.md");
    }

    @Test
    void hybridFindsWhatEitherRetrieverFindsAndPassesFilters() {
        var store = store(SEGMENTS);
        Bm25Index index = index(SEGMENTS);
        VectorRetriever vector = VectorRetriever.builder().store(store).embeddingModel(MODEL).maxResults(3).build();
        HybridRetriever hybrid = HybridRetriever.of(vector, Bm25Retriever.of(index, 3), 3);
        List<Content> results = hybrid.retrieve("NX-401");
        assertThat(sources(results)).first().isEqualTo("nx401.md");
        assertThat(results).hasSize(3);
        assertThat(sources(hybrid.retrieve(Query.from("NX-401"), metadataKey("version").isLessThan(4))))
                .doesNotContain("nx401.md").isNotEmpty();
        assertThat(hybrid.invoke(Query.from("NX-401"))).isEqualTo(results);
    }

    @Test
    void mmrTradesRelevanceForDiversity() {
        List<TextSegment> segments = List.of(
                seg("Reset your password from the sign-in page.", "p1.md", 1),
                seg("You can reset the password on the sign in page.", "p2.md", 1),
                seg("The password can be reset from the sign-in screen.", "p3.md", 1),
                seg("Password resets also need the two-factor backup code.", "2fa.md", 1),
                seg("Camera upload copies photos to the vault.", "camera.md", 1));
        var store = store(segments);
        MmrRetriever relevance = MmrRetriever.builder().store(store).embeddingModel(MODEL).maxResults(3).fetchK(5).lambda(1).build();
        MmrRetriever diverse = MmrRetriever.builder().store(store).embeddingModel(MODEL).maxResults(3).fetchK(5).lambda(0.3).build();
        String q = "how do I reset my password on the sign-in page";
        assertThat(sources(relevance.retrieve(q))).containsExactlyInAnyOrder("p1.md", "p2.md", "p3.md");
        List<String> picked = sources(diverse.retrieve(q));
        assertThat(picked).hasSize(3);
        assertThat(picked.stream().filter(s -> s.startsWith("p")).count()).isLessThan(3);
    }

    @Test
    void parentDocumentRetrieverReturnsParentsOfMatchingChildren() {
        String text = """
                Encryption. Files are encrypted with AES-256-GCM on your device. Keys come from your passphrase.

                Billing. Invoices are emailed every month. Yearly billing gives a discount.

                Sharing. Links can have passwords. Links can expire.""";
        ParentChildSplitter.Result split = ParentChildSplitter.of(RecursiveCharacterSplitter.of(110, 0),
                SentenceSplitter.of(40, 0)).split(List.of(Document.from(text, Metadata.from(MetadataKeys.SOURCE, "guide.md"))));
        SegmentStore parents = SegmentStore.inMemory();
        split.parents().forEach(parents::put);
        var childStore = store(split.children());

        ParentDocumentRetriever retriever = ParentDocumentRetriever.of(
                VectorRetriever.builder().store(childStore).embeddingModel(MODEL).maxResults(4).build(), parents, 1);
        List<Content> result = retriever.retrieve("Are invoices sent by email?");
        assertThat(result).hasSize(1);
        assertThat(result.getFirst().textSegment().text())
                .isEqualTo("Billing. Invoices are emailed every month. Yearly billing gives a discount.");
    }
}
