package dev.catena.chains.retrieval;

import dev.catena.chains.ChainInputs;
import dev.catena.chains.documents.StuffDocumentsChain;
import dev.catena.core.retrieval.Retriever;
import dev.catena.core.runnable.Chunks;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Question answering over a retriever: the input {@code question} is sent to the retriever, the
 * contents found become {@code documents} for a documents chain (stuff, map-reduce or refine),
 * which answers. The output is the answer; with {@link #withSources()} it is a map of
 * {@value #ANSWER} (the answer's text) and {@value #SOURCES} (the retrieved {@link Content}s).
 * Streams the answer (with sources: snapshots of that map as the answer grows).
 */
public final class RetrievalQaChain implements Runnable<Map<String, Object>, Object> {

    /** Input key of the question. */
    public static final String QUESTION = "question";
    /** Output key of the answer when sources are returned. */
    public static final String ANSWER = "answer";
    /** Output key of the retrieved contents when sources are returned. */
    public static final String SOURCES = "sources";

    private final Retriever retriever;
    private final Runnable<Map<String, Object>, ?> combine;
    private final boolean returnSources;

    private RetrievalQaChain(Retriever retriever, Runnable<Map<String, Object>, ?> combine, boolean returnSources) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.combine = Objects.requireNonNull(combine, "combine");
        this.returnSources = returnSources;
    }

    /** Retrieves with {@code retriever} and answers with {@code combine} (a documents chain). */
    public static RetrievalQaChain of(Retriever retriever, Runnable<Map<String, Object>, ?> combine) {
        return new RetrievalQaChain(retriever, combine, false);
    }

    /** The same chain returning {@code {answer, sources}} instead of the bare answer. */
    public RetrievalQaChain withSources() {
        return new RetrievalQaChain(retriever, combine, true);
    }

    @Override
    public String name() {
        return "RetrievalQaChain";
    }

    @Override
    public Object doInvoke(Map<String, Object> input, RunContext run) {
        List<Content> sources = retrieve(input, run);
        Object answer = combine.invoke(vars(input, sources), run.child());
        return returnSources ? withSources(ChainInputs.text(answer), sources) : answer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RunStream<Object> doStream(Map<String, Object> input, RunContext run) {
        List<Content> sources = retrieve(input, run);
        RunStream<Object> answer = (RunStream<Object>) combine.stream(vars(input, sources), run.child());
        if (!returnSources) return answer;
        List<Object> chunks = new ArrayList<>();
        return answer.map(chunk -> {
            chunks.add(chunk);
            return withSources(ChainInputs.text(Chunks.merge(chunks)), sources);
        });
    }

    private List<Content> retrieve(Map<String, Object> input, RunContext run) {
        String question = ChainInputs.text(ChainInputs.required(input, QUESTION, name()));
        return List.copyOf(retriever.invoke(Query.from(question), run.child()));
    }

    private static Map<String, Object> vars(Map<String, Object> input, List<Content> sources) {
        Map<String, Object> vars = new LinkedHashMap<>(input);
        vars.put(StuffDocumentsChain.DOCUMENTS, sources);
        return vars;
    }

    static Map<String, Object> withSources(String answer, List<Content> sources) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(ANSWER, answer);
        out.put(SOURCES, sources);
        return out;
    }
}
