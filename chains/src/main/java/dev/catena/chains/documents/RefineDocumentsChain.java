package dev.catena.chains.documents;

import dev.catena.chains.ChainInputs;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Refines an answer document by document (input {@code documents}): the initial chain answers
 * from the first document ({@code context}); the refine chain then gets each next document and the
 * answer so far ({@code existing_answer}). Streams the last call.
 */
public final class RefineDocumentsChain implements Runnable<Map<String, Object>, Object> {

    /** Variable holding the answer so far. */
    public static final String EXISTING_ANSWER = "existing_answer";

    private final Runnable<Map<String, Object>, ?> initialChain;
    private final Runnable<Map<String, Object>, ?> refineChain;

    private RefineDocumentsChain(Runnable<Map<String, Object>, ?> initialChain, Runnable<Map<String, Object>, ?> refineChain) {
        this.initialChain = Objects.requireNonNull(initialChain, "initialChain");
        this.refineChain = Objects.requireNonNull(refineChain, "refineChain");
    }

    public static RefineDocumentsChain of(Runnable<Map<String, Object>, ?> initialChain, Runnable<Map<String, Object>, ?> refineChain) {
        return new RefineDocumentsChain(initialChain, refineChain);
    }

    @Override
    public String name() {
        return "RefineDocumentsChain";
    }

    @Override
    public Object doInvoke(Map<String, Object> input, RunContext run) {
        List<String> docs = docs(input);
        RunConfig child = run.child();
        Object answer = initialChain.invoke(vars(input, docs.getFirst(), null), child);
        for (String doc : docs.subList(1, docs.size())) answer = refineChain.invoke(vars(input, doc, answer), child);
        return answer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public RunStream<Object> doStream(Map<String, Object> input, RunContext run) {
        List<String> docs = docs(input);
        RunConfig child = run.child();
        if (docs.size() == 1) return (RunStream<Object>) initialChain.stream(vars(input, docs.getFirst(), null), child);
        Object answer = initialChain.invoke(vars(input, docs.getFirst(), null), child);
        for (String doc : docs.subList(1, docs.size() - 1)) answer = refineChain.invoke(vars(input, doc, answer), child);
        return (RunStream<Object>) refineChain.stream(vars(input, docs.getLast(), answer), child);
    }

    private List<String> docs(Map<String, Object> input) {
        List<String> docs = ChainInputs.documents(ChainInputs.required(input, StuffDocumentsChain.DOCUMENTS, name()), StuffDocumentsChain.DOCUMENTS);
        if (docs.isEmpty()) throw new IllegalArgumentException(name() + " got no documents");
        return docs;
    }

    private static Map<String, Object> vars(Map<String, Object> input, String context, Object answer) {
        Map<String, Object> vars = new LinkedHashMap<>(input);
        vars.remove(StuffDocumentsChain.DOCUMENTS);
        vars.put(StuffDocumentsChain.CONTEXT, context);
        if (answer != null) vars.put(EXISTING_ANSWER, ChainInputs.text(answer));
        return vars;
    }
}
