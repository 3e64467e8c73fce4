package dev.catena.samples.react;

import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.ingest.IngestionPipeline;
import dev.catena.retrievers.ingest.IngestionReport;
import dev.catena.retrievers.loader.DirectoryLoader;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.lucene.LuceneEmbeddingStore;
import dev.catena.retrievers.onnx.EmbeddingModels;
import dev.catena.retrievers.retrieval.VectorRetriever;
import dev.catena.retrievers.splitter.MarkdownHeaderSplitter;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The documents the agent's {@code search_handbook} tool searches: the bundled Halvard Observatory
 * handbook (or Markdown files of a directory), split at headings, embedded in-process with
 * all-MiniLM-L6-v2 and held in an in-memory Lucene store.
 *
 * @param retriever the dense retriever over the store (3 results, relevance at least 0.5)
 * @param report    what the ingestion did
 */
public record Handbook(Retriever retriever, IngestionReport report) {

    /** The bundled handbook pages, under {@code react-agent/docs/} on the class path. */
    public static final List<String> BUNDLED = List.of("tickets.md", "hours.md", "telescopes.md", "rules.md");

    /** Indexes the bundled handbook. */
    public static Handbook bundled() {
        List<Document> docs = new ArrayList<>();
        for (String name : BUNDLED) docs.add(resource(name));
        return index(docs);
    }

    /** Indexes every Markdown file under {@code dir}. */
    public static Handbook fromDirectory(Path dir) {
        List<Document> docs = DirectoryLoader.builder().include("**.md").build().load(dir);
        if (docs.isEmpty()) throw new IllegalArgumentException("no Markdown (.md) files under " + dir);
        return index(docs);
    }

    /** Splits, embeds and stores {@code docs}; returns a retriever over them. */
    public static Handbook index(List<Document> docs) {
        EmbeddingModel embeddings = EmbeddingModels.miniLm();
        LuceneEmbeddingStore store = LuceneEmbeddingStore.builder().inMemory().dimension(embeddings.dimension()).build();
        IngestionReport report = IngestionPipeline.builder().store(store).embeddingModel(embeddings)
                .splitter(MarkdownHeaderSplitter.of(600, 0)).build().ingest(docs);
        VectorRetriever retriever = VectorRetriever.builder().store(store).embeddingModel(embeddings)
                .maxResults(3).minScore(0.5).build();
        return new Handbook(retriever, report);
    }

    private static Document resource(String name) {
        String path = "react-agent/docs/" + name;
        try (InputStream in = Handbook.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("bundled handbook page " + path + " is missing from the class path");
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String title = text.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2).strip()).findFirst().orElse(name);
            Metadata metadata = new Metadata().put(MetadataKeys.SOURCE, "classpath:" + path).put(MetadataKeys.TITLE, title)
                    .put(MetadataKeys.CONTENT_TYPE, "text/markdown");
            return Document.from(text, metadata);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
