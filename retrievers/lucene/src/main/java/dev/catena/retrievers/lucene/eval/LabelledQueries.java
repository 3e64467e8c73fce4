package dev.catena.retrievers.lucene.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.catena.core.eval.EvalCase;
import dev.catena.core.eval.EvalDataset;
import dev.catena.retrievers.lucene.analysis.ScriptAnalyzers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads labelled queries for {@link RetrievalEvaluation}: JSON Lines as {@link EvalDataset} reads
 * them ({@code input} the query, {@code expected} the answering document), or, for a {@code .tsv}
 * file, lines of query, answering document and an optional answer fragment separated by tabs
 * ({@code #} starts a comment). A case without a {@code language} field gets one from its script:
 * {@code zh} for Chinese, {@code ja-ko} for Japanese or Korean, else {@code en}.
 */
public final class LabelledQueries {

    private LabelledQueries() {}

    /** The cases of {@code file}. */
    public static List<EvalCase> read(Path file) {
        List<EvalCase> cases = file.getFileName().toString().endsWith(".tsv") ? tsv(file) : EvalDataset.read(file);
        return cases.stream().map(LabelledQueries::withLanguage).toList();
    }

    /** The language code {@link #read} gives a query without one. */
    public static String language(String query) {
        return switch (ScriptAnalyzers.detect(query)) {
            case CHINESE -> "zh";
            case JAPANESE_KOREAN -> "ja-ko";
            case OTHER -> "en";
        };
    }

    private static EvalCase withLanguage(EvalCase c) {
        if (c.fields().containsKey("language")) return c;
        Map<String, JsonNode> fields = new LinkedHashMap<>(c.fields());
        fields.put("language", TextNode.valueOf(language(c.input())));
        return new EvalCase(c.id(), c.input(), c.expected(), fields);
    }

    private static List<EvalCase> tsv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read labelled queries " + file + ": " + e.getMessage(), e);
        }
        List<EvalCase> cases = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] p = line.split("\t");
            if (p.length < 2 || p[0].isBlank() || p[1].isBlank()) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": needs a query and its document separated by a tab");
            }
            Map<String, JsonNode> fields = p.length > 2 ? Map.of("answer", TextNode.valueOf(p[2].strip())) : Map.of();
            cases.add(new EvalCase(String.valueOf(i + 1), p[0].strip(), p[1].strip(), fields));
        }
        if (cases.isEmpty()) throw new IllegalArgumentException(file + ": no labelled queries");
        return List.copyOf(cases);
    }
}
