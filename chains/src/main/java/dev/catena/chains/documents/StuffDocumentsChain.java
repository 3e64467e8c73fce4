package dev.catena.chains.documents;

import dev.catena.chains.ChainInputs;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Puts all documents (input {@code documents}) into one prompt: their texts, joined with a
 * separator, become the variable {@code context} of an LLM chain. Streams that chain's output.
 */
public final class StuffDocumentsChain implements Runnable<Map<String, Object>, Object> {

    /** Input key of the documents. */
    public static final String DOCUMENTS = "documents";
    /** Variable that receives the documents' text. */
    public static final String CONTEXT = "context";

    private final Runnable<Map<String, Object>, ?> llmChain;
    private final String separator;

    private StuffDocumentsChain(Runnable<Map<String, Object>, ?> llmChain, String separator) {
        this.llmChain = Objects.requireNonNull(llmChain, "llmChain");
        this.separator = Objects.requireNonNull(separator, "separator");
    }

    /** Stuffs documents into {@code llmChain}'s {@code context}, separated by a blank line. */
    public static StuffDocumentsChain of(Runnable<Map<String, Object>, ?> llmChain) {
        return new StuffDocumentsChain(llmChain, "\n\n");
    }

    /** Stuffs documents into {@code llmChain}'s {@code context}, joined with {@code separator}. */
    public static StuffDocumentsChain of(Runnable<Map<String, Object>, ?> llmChain, String separator) {
        return new StuffDocumentsChain(llmChain, separator);
    }

    @Override
    public String name() {
        return "StuffDocumentsChain";
    }

    @Override
    public Object doInvoke(Map<String, Object> input, RunContext run) {
        return llmChain.invoke(vars(input), run.child());
    }

    @Override
    @SuppressWarnings("unchecked")
    public RunStream<Object> doStream(Map<String, Object> input, RunContext run) {
        return (RunStream<Object>) llmChain.stream(vars(input), run.child());
    }

    private Map<String, Object> vars(Map<String, Object> input) {
        Map<String, Object> vars = new LinkedHashMap<>(input);
        vars.remove(DOCUMENTS);
        vars.put(CONTEXT, String.join(separator, ChainInputs.documents(ChainInputs.required(input, DOCUMENTS, name()), DOCUMENTS)));
        return vars;
    }
}
