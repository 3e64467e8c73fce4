package dev.catena.retrievers.onnx;

import dev.catena.core.component.ComponentType;
import dev.catena.retrievers.embedding.DefaultEmbeddingModel;
import dev.catena.retrievers.retrieval.VectorRetriever;
import dev.catena.retrievers.splitter.SplittersTest;
import dev.catena.retrievers.splitter.TokenSplitter;
import dev.catena.retrievers.splitter.Tokenizer;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingModelsTest {

    @Test
    void bothMiniLmModelsEmbedMeaning() {
        for (EmbeddingModel model : List.of(EmbeddingModels.miniLm(), EmbeddingModels.miniLmQuantized())) {
            Embedding cat = model.embed("The cat sits on the mat.").content();
            Embedding kitten = model.embed("A kitten is lying on a rug.").content();
            Embedding tax = model.embed("Quarterly tax filing deadlines.").content();
            assertThat(cat.dimension()).isEqualTo(384);
            assertThat(CosineSimilarity.between(cat, kitten)).isGreaterThan(CosineSimilarity.between(cat, tax) + 0.2);
        }
        assertThat(EmbeddingModels.defaultModel()).isSameAs(EmbeddingModels.miniLm());
        assertThat(EmbeddingModels.named("MiniLM-q")).isSameAs(EmbeddingModels.miniLmQuantized());
        assertThatThrownBy(() -> EmbeddingModels.named("bert")).hasMessageContaining("'bert'").hasMessageContaining("minilm-q");
    }

    @Test
    void withThisModuleOnTheClassPathMiniLmIsTheDefaultModelOfRetrievers() {
        assertThat(DefaultEmbeddingModel.find()).isSameAs(EmbeddingModels.miniLm());
        InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
        List<TextSegment> segments = List.of(TextSegment.from("Reset your passphrase from the login page."),
                TextSegment.from("Invoices are emailed every month."));
        store.addAll(EmbeddingModels.miniLm().embedAll(segments).content(), segments);
        assertThat(VectorRetriever.builder().store(store).maxResults(1).build().retrieve(Query.from("I forgot my password")))
                .singleElement().satisfies(c -> assertThat(c.textSegment().text()).startsWith("Reset"));
    }

    @Test
    void theMiniLmYamlTypeIsRegistered() {
        MiniLmType type = ServiceLoader.load(ComponentType.class).stream().map(ServiceLoader.Provider::get)
                .filter(MiniLmType.class::isInstance).map(MiniLmType.class::cast).findFirst().orElseThrow();
        assertThat(type.kind() + " " + type.type()).isEqualTo("Model minilm");
        assertThat(type.create(new MiniLmType.Spec(true), null)).isSameAs(EmbeddingModels.miniLmQuantized());
        assertThat(type.create(new MiniLmType.Spec(null), null)).isSameAs(EmbeddingModels.miniLm());
    }

    @Test
    void tokenSplitterCountsRealWordPieceTokens() {
        MiniLmTokenizer tokenizer = MiniLmTokenizer.instance();
        List<Tokenizer.Token> tokens = tokenizer.tokenize("Tokenization works");
        assertThat(tokens).extracting(Tokenizer.Token::text).containsExactly("token", "##ization", "works");
        assertThat(tokens.get(1).continuesWord()).isTrue();
        assertThat(tokens.get(2).start()).isEqualTo(13);

        String longText = "synchronisation ".repeat(1000);
        assertThat(tokenizer.count(longText)).as("no truncation at the model's 512-token window")
                .isEqualTo(1000 * tokenizer.count("synchronisation"));

        String text = SplittersTest.TEXT;
        List<TextSegment> chunks = TokenSplitter.of(tokenizer, 16, 4).split(SplittersTest.doc(text, "text/plain"));
        assertThat(chunks).hasSizeGreaterThan(3);
        assertThat(chunks).allSatisfy(c -> assertThat(tokenizer.count(c.text())).isLessThanOrEqualTo(16));
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).doesNotStartWith("##"));
        SplittersTest.assertOffsets(text, chunks);
        SplittersTest.assertCovers(text, chunks);
    }
}
