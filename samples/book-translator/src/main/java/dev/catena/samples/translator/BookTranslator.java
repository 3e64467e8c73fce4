package dev.catena.samples.translator;

import dev.catena.core.prompt.ChatPromptTemplate;
import dev.catena.retrievers.splitter.SentenceSplitter;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.catena.chains.llm.LlmChain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Translates a book: splits it on sentence and paragraph boundaries, translates each chunk with a
 * rolling summary of what came before and the glossary terms it contains, asks again once when a
 * glossary term is missing, back-translates each chunk and scores it with chrF, and records every
 * finished chunk so an interrupted run resumes without translating anything twice.
 */
public final class BookTranslator {

    static final String TRANSLATE_SYSTEM = """
            You are a literary translator. Translate the user's text from {source} to {target}. \
            Keep the meaning, tone and paragraph breaks. Output only the translation.
            Story so far (for context, do not translate): {summary}
            Required translations of names and terms: {terms}""";
    static final String SUMMARY_SYSTEM = """
            Summarize the story so far in at most three sentences, in {source}. Keep the names. Output only the summary.""";
    static final String BACK_SYSTEM = """
            Translate the user's text from {target} to {source}. Output only the translation.""";

    private final ChatModel model;
    private final Glossary glossary;
    private final int maxChunkChars;
    private final LlmChain translate;
    private final LlmChain summarize;
    private final LlmChain backTranslate;

    public BookTranslator(ChatModel model, Glossary glossary, int maxChunkChars) {
        this.model = Objects.requireNonNull(model, "model");
        this.glossary = Objects.requireNonNull(glossary, "glossary");
        if (maxChunkChars < 100) throw new IllegalArgumentException("maxChunkChars must be at least 100, was " + maxChunkChars);
        this.maxChunkChars = maxChunkChars;
        this.translate = LlmChain.of(ChatPromptTemplate.builder().system(TRANSLATE_SYSTEM).user("{text}").build(), model);
        this.summarize = LlmChain.of(ChatPromptTemplate.builder().system(SUMMARY_SYSTEM)
                .user("Summary so far: {summary}\n\nNew text: {text}").build(), model);
        this.backTranslate = LlmChain.of(ChatPromptTemplate.builder().system(BACK_SYSTEM).user("{text}").build(), model);
    }

    /** The book's chunks: whole sentences, at most {@code maxChunkChars} each (a longer sentence is cut at word boundaries). */
    public List<String> chunks(String book) {
        List<String> out = new ArrayList<>();
        for (TextSegment s : SentenceSplitter.of(maxChunkChars, 0).split(Document.from(book))) out.add(s.text());
        return out;
    }

    /**
     * The translated book: the chunks' translations joined with the same kind of break that
     * separated the source chunks (paragraph, line or space).
     */
    public static String assemble(String book, List<ChunkResult> results) {
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (ChunkResult r : results) {
            int at = book.indexOf(r.source().strip(), from);
            if (!out.isEmpty()) {
                String gap = at >= 0 ? book.substring(from, at) : " ";
                out.append(gap.contains("\n\n") ? "\n\n" : gap.contains("\n") ? "\n" : " ");
            }
            if (at >= 0) from = at + r.source().strip().length();
            out.append(r.translation());
        }
        return out.append('\n').toString();
    }

    /** Translates {@code book}, resuming from {@code state}; {@code progress} receives each finished chunk. */
    public List<ChunkResult> translate(String book, TranslationState state, Consumer<ChunkResult> progress) {
        List<String> chunks = chunks(book);
        List<ChunkResult> results = new ArrayList<>();
        String summary = "(beginning of the book)";
        for (int i = 0; i < chunks.size(); i++) {
            String chunk = chunks.get(i);
            String hash = sha256(chunk);
            ChunkResult result = state.find(i, hash);
            if (result == null) {
                result = translateChunk(i, hash, chunk, summary);
                state.save(result);
            }
            summary = result.summary();
            results.add(result);
            progress.accept(result);
        }
        return results;
    }

    private ChunkResult translateChunk(int index, String hash, String chunk, String summary) {
        Map<String, String> terms = glossary.termsIn(chunk);
        String termList = terms.isEmpty() ? "(none)" : terms.entrySet().stream()
                .map(e -> e.getKey() + " = " + e.getValue()).collect(Collectors.joining("; "));
        Map<String, Object> input = Map.of("source", glossary.source(), "target", glossary.target(),
                "summary", summary, "terms", termList, "text", chunk);
        String translation = text(translate.invoke(input));
        List<String> misses = glossary.violations(chunk, translation);
        if (!misses.isEmpty()) {
            String correction = misses.stream().map(m -> "'" + m + "' must be translated as '" + glossary.terms().get(m) + "'")
                    .collect(Collectors.joining("; "));
            Map<String, Object> retry = new java.util.HashMap<>(input);
            retry.put("terms", termList + ". Your previous translation broke these rules: " + correction);
            translation = text(translate.invoke(retry));
            misses = glossary.violations(chunk, translation);
        }
        String back = text(backTranslate.invoke(Map.of("source", glossary.source(), "target", glossary.target(), "text", translation)));
        String newSummary = text(summarize.invoke(Map.of("source", glossary.source(), "summary", summary, "text", chunk)));
        return new ChunkResult(index, hash, chunk, translation, newSummary, ChrF.score(back, chunk), misses);
    }

    private static String text(Object o) {
        return String.valueOf(o).strip();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The model used (for reports). */
    public ChatModel model() {
        return model;
    }
}
