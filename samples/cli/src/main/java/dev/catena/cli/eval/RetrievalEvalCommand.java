package dev.catena.cli.eval;

import dev.catena.core.eval.EvalCase;
import dev.catena.retrievers.lucene.eval.FolderRetrievers;
import dev.catena.retrievers.lucene.eval.LabelledQueries;
import dev.catena.retrievers.lucene.eval.RetrievalEvaluation;
import dev.catena.retrievers.lucene.eval.RetrievalReport;
import dev.catena.retrievers.lucene.eval.RetrieverKind;
import dev.catena.retrievers.onnx.EmbeddingModels;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code catena eval retrieval}: indexes a folder of documents once per embedding model and scores
 * each retriever configuration on labelled queries (hit@1, hit@k, MRR, nDCG@k, median latency) per
 * language, as a Markdown table; {@code --report} also writes each run's per-query JSON.
 */
@Command(name = "retrieval", mixinStandardHelpOptions = true,
        description = "Score retrievers (BM25, vector, hybrid) over a folder on labelled queries.")
public final class RetrievalEvalCommand implements Callable<Integer> {

    @Option(names = "--folder", required = true, description = "The documents (Markdown, HTML, PDF, text).")
    Path folder;

    @Option(names = "--dataset", required = true,
            description = "Labelled queries: JSONL (input, expected = answering file) or TSV (query<TAB>file[<TAB>answer]).")
    Path dataset;

    @Option(names = "--retriever", split = ",", defaultValue = "bm25,vector,hybrid,auto",
            description = "Retrievers to score: bm25, vector, hybrid, auto (default: ${DEFAULT-VALUE}).")
    List<String> retrievers;

    @Option(names = "--embedding", split = ",", defaultValue = "minilm-q",
            description = "Embedding models: minilm, minilm-q, bge-small-zh-q (default: ${DEFAULT-VALUE}).")
    List<String> embeddings;

    @Option(names = "--k", defaultValue = "3", description = "Cut-off of hit@k and nDCG@k (default: ${DEFAULT-VALUE}).")
    int k;

    @Option(names = "--state-dir", description = "Where the indexes are kept (default: a temporary folder, deleted after).")
    Path stateDir;

    @Option(names = "--report", description = "A folder for one JSON report per configuration.")
    Path report;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (k < 1) throw new CommandLine.ParameterException(spec.commandLine(), "--k must be at least 1, was " + k);
        List<RetrieverKind> kinds = new ArrayList<>();
        for (String r : retrievers) {
            try {
                kinds.add(RetrieverKind.valueOf(r.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--retriever: unknown retriever '" + r + "' (bm25, vector, hybrid, auto)");
            }
        }
        List<EmbeddingModel> models = new ArrayList<>();
        for (String e : embeddings) {
            if (!EmbeddingModels.NAMES.contains(e.strip().toLowerCase(Locale.ROOT))) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--embedding: unknown model '" + e + "' (" + String.join(", ", EmbeddingModels.NAMES) + ")");
            }
            models.add(EmbeddingModels.named(e.strip()));
        }
        if (!Files.exists(dataset)) throw new NoSuchFileException(dataset.toString());
        List<EvalCase> cases = LabelledQueries.read(dataset);
        PrintWriter out = spec.commandLine().getOut();
        boolean temporary = stateDir == null;
        Path state = temporary ? Files.createTempDirectory("catena-eval-retrieval") : stateDir;
        try {
            boolean header = true;
            for (int m = 0; m < models.size(); m++) {
                String embedding = embeddings.get(m).strip().toLowerCase(Locale.ROOT);
                try (FolderRetrievers index = FolderRetrievers.open(folder, state.resolve(embedding), models.get(m))) {
                    for (RetrieverKind kind : kinds) {
                        if (kind == RetrieverKind.BM25 && m > 0) continue; // BM25 does not depend on the embedding model
                        String name = kind == RetrieverKind.BM25 ? "bm25" : kind.name().toLowerCase(Locale.ROOT) + " " + embedding;
                        RetrievalReport result = RetrievalEvaluation.builder().name(name).retriever(index.retriever(kind, 10)).k(k)
                                .build().run(cases);
                        if (header) out.print(result.header());
                        header = false;
                        out.print(result.rows());
                        out.flush();
                        if (report != null) result.report().write(report.resolve(name.replace(' ', '-') + ".json"));
                    }
                }
            }
        } finally {
            if (temporary) delete(state);
        }
        return 0;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
