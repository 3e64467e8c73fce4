package dev.catena.chains.retrieval;

import dev.catena.chains.ChainInputs;
import dev.catena.chains.documents.StuffDocumentsChain;
import dev.catena.core.retrieval.Retriever;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.rag.query.Query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Question answering over a retriever: the input {@code question} is sent to the retriever, the
 * contents found become {@code documents} for a documents chain (stuff, map-reduce or refine),
 * which answers. Streams the answer.
 */
public final class RetrievalQaChain implements Runnable<Map<String, Object>, Object> {

    /** Input key of the question. */
    public static final String QUESTION = "question";

    private final Retriever retriever;
    private final Runnable<Map<String, Object>, ?> combine;

    private RetrievalQaChain(Retriever retriever, Runnable<Map<String, Object>, ?> combine) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.combine = Objects.requireNonNull(combine, "combine");
    }

    /** Retrieves with {@code retriever} and answers with {@code combine} (a documents chain). */
    public static RetrievalQaChain of(Retriever retriever, Runnable<Map<String, Object>, ?> combine) {
        return new RetrievalQaChain(retriever, combine);
    }

    @Override
    public String name() {
        return "RetrievalQaChain";
    }

    @Override
    public Object doInvoke(Map<String, Object> input, RunContext run) {
        return combine.invoke(vars(input, run), run.child());
    }

    @Override
    @SuppressWarnings("unchecked")
    public RunStream<Object> doStream(Map<String, Object> input, RunContext run) {
        return (RunStream<Object>) combine.stream(vars(input, run), run.child());
    }

    private Map<String, Object> vars(Map<String, Object> input, RunContext run) {
        String question = ChainInputs.text(ChainInputs.required(input, QUESTION, name()));
        Map<String, Object> vars = new LinkedHashMap<>(input);
        vars.put(StuffDocumentsChain.DOCUMENTS, retriever.invoke(Query.from(question), run.child()));
        return vars;
    }
}
