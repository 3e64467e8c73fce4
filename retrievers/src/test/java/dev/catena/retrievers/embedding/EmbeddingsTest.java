package dev.catena.retrievers.embedding;

import dev.catena.retrievers.retrieval.VectorRetriever;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingsTest {

    @Test
    void withoutAModelAndWithoutTheOnnxModuleTheErrorSaysWhatToAdd() {
        assertThatThrownBy(DefaultEmbeddingModel::find).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no embedding model given").hasMessageContaining("dev.catena:catena-retrievers-onnx");
        assertThatThrownBy(() -> VectorRetriever.builder().store(new InMemoryEmbeddingStore<>()).build())
                .hasMessageContaining("catena-retrievers-onnx");
    }


    /** Records the size of every batch it is asked to embed. */
    static final class CountingModel implements EmbeddingModel {
        final List<Integer> batches = new ArrayList<>();
        int missing;

        @Override
        public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
            batches.add(segments.size());
            return Response.from(IntStream.range(0, segments.size() - missing)
                    .mapToObj(i -> Embedding.from(new float[] {segments.get(i).text().length()})).toList());
        }
    }

    @Test
    void batchEmbedderNeverExceedsTheBatchSize() {
        CountingModel model = new CountingModel();
        List<TextSegment> segments = IntStream.range(0, 23).mapToObj(i -> TextSegment.from("x".repeat(i + 1))).toList();
        List<Embedding> embeddings = BatchEmbedder.of(model, 10).embedAll(segments);
        assertThat(model.batches).containsExactly(10, 10, 3);
        assertThat(embeddings).extracting(e -> (int) e.vector()[0]).containsExactlyElementsOf(IntStream.rangeClosed(1, 23).boxed().toList());
    }

    @Test
    void batchEmbedderPullsFromAnIteratorOneBatchAtATime() {
        CountingModel model = new CountingModel();
        int[] pulled = {0};
        Iterator<TextSegment> source = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return pulled[0] < 7;
            }

            @Override
            public TextSegment next() {
                return TextSegment.from("s" + pulled[0]++);
            }
        };
        List<Integer> pulledAtSink = new ArrayList<>();
        BatchEmbedder.of(model, 3).embed(source, (segments, embeddings) -> {
            assertThat(embeddings).hasSameSizeAs(segments);
            pulledAtSink.add(pulled[0]);
        });
        assertThat(pulledAtSink).containsExactly(3, 6, 7);
    }

    @Test
    void aModelReturningTooFewEmbeddingsIsAnError() {
        CountingModel model = new CountingModel();
        model.missing = 1;
        assertThatThrownBy(() -> BatchEmbedder.of(model, 4).embedAll(List.of(TextSegment.from("a"), TextSegment.from("b"))))
                .hasMessageContaining("returned 1 embeddings for 2 segments");
        assertThatThrownBy(() -> BatchEmbedder.of(model, 0)).hasMessageContaining("batchSize");
    }
}
