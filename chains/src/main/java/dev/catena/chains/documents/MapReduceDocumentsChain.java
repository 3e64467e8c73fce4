package dev.catena.chains.documents;

import dev.catena.chains.ChainInputs;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Map-reduce over documents (input {@code documents}): the map chain runs on each document
 * ({@code context} = its text) concurrently, then the reduce chain combines the results
 * ({@code context} = the results joined). When the joined results exceed {@code maxReduceChars},
 * they are first collapsed: reduced in groups that fit, repeatedly, before the final reduce.
 * Streams the final reduce.
 */
public final class MapReduceDocumentsChain implements Runnable<Map<String, Object>, Object> {

    private static final String SEPARATOR = "\n\n";
    private static final int MAX_COLLAPSE_ROUNDS = 8;

    private final Runnable<Map<String, Object>, ?> mapChain;
    private final Runnable<Map<String, Object>, ?> reduceChain;
    private final int maxConcurrency;
    private final int maxReduceChars;

    private MapReduceDocumentsChain(Runnable<Map<String, Object>, ?> mapChain, Runnable<Map<String, Object>, ?> reduceChain,
                                    int maxConcurrency, int maxReduceChars) {
        this.mapChain = Objects.requireNonNull(mapChain, "mapChain");
        this.reduceChain = Objects.requireNonNull(reduceChain, "reduceChain");
        if (maxConcurrency < 1) throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
        if (maxReduceChars < 1) throw new IllegalArgumentException("maxReduceChars must be at least 1, was " + maxReduceChars);
        this.maxConcurrency = maxConcurrency;
        this.maxReduceChars = maxReduceChars;
    }

    /** Map-reduce with at most {@code maxConcurrency} map calls at once and no collapse limit. */
    public static MapReduceDocumentsChain of(Runnable<Map<String, Object>, ?> mapChain, Runnable<Map<String, Object>, ?> reduceChain,
                                             int maxConcurrency) {
        return new MapReduceDocumentsChain(mapChain, reduceChain, maxConcurrency, Integer.MAX_VALUE);
    }

    /** Map-reduce that collapses the mapped results while they are longer than {@code maxReduceChars}. */
    public static MapReduceDocumentsChain of(Runnable<Map<String, Object>, ?> mapChain, Runnable<Map<String, Object>, ?> reduceChain,
                                             int maxConcurrency, int maxReduceChars) {
        return new MapReduceDocumentsChain(mapChain, reduceChain, maxConcurrency, maxReduceChars);
    }

    @Override
    public String name() {
        return "MapReduceDocumentsChain";
    }

    @Override
    public Object doInvoke(Map<String, Object> input, RunContext run) {
        return reduceChain.invoke(prepare(input, run), run.child());
    }

    @Override
    @SuppressWarnings("unchecked")
    public RunStream<Object> doStream(Map<String, Object> input, RunContext run) {
        return (RunStream<Object>) reduceChain.stream(prepare(input, run), run.child());
    }

    /** Maps, collapses, and returns the variables of the final reduce. */
    private Map<String, Object> prepare(Map<String, Object> input, RunContext run) {
        List<String> docs = ChainInputs.documents(ChainInputs.required(input, StuffDocumentsChain.DOCUMENTS, name()), StuffDocumentsChain.DOCUMENTS);
        if (docs.isEmpty()) throw new IllegalArgumentException(name() + " got no documents");
        RunConfig config = run.child().toBuilder().maxConcurrency(maxConcurrency).build();
        List<String> results = texts(mapChain.batch(docs.stream().map(d -> vars(input, d)).toList(), config));
        for (int round = 0; joinedLength(results) > maxReduceChars && results.size() > 1; round++) {
            if (round == MAX_COLLAPSE_ROUNDS) {
                throw new IllegalStateException("mapped results still exceed " + maxReduceChars + " characters after "
                        + MAX_COLLAPSE_ROUNDS + " collapse rounds");
            }
            List<Map<String, Object>> groups = new ArrayList<>();
            for (List<String> g : groups(results)) groups.add(vars(input, String.join(SEPARATOR, g)));
            results = texts(reduceChain.batch(groups, config));
        }
        return vars(input, String.join(SEPARATOR, results));
    }

    private List<List<String>> groups(List<String> results) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int length = 0;
        for (String r : results) {
            if (!current.isEmpty() && length + SEPARATOR.length() + r.length() > maxReduceChars) {
                groups.add(current);
                current = new ArrayList<>();
                length = 0;
            }
            length += (current.isEmpty() ? 0 : SEPARATOR.length()) + r.length();
            current.add(r);
        }
        groups.add(current);
        if (groups.size() == results.size() && results.size() > 1) {
            // every result alone is too long: pair them up so that each round still shrinks the list
            groups.clear();
            for (int i = 0; i < results.size(); i += 2) groups.add(results.subList(i, Math.min(i + 2, results.size())));
        }
        return groups;
    }

    private static int joinedLength(List<String> results) {
        return results.stream().mapToInt(String::length).sum() + SEPARATOR.length() * Math.max(0, results.size() - 1);
    }

    private static List<String> texts(List<?> values) {
        return values.stream().map(ChainInputs::text).toList();
    }

    private static Map<String, Object> vars(Map<String, Object> input, String context) {
        Map<String, Object> vars = new LinkedHashMap<>(input);
        vars.remove(StuffDocumentsChain.DOCUMENTS);
        vars.put(StuffDocumentsChain.CONTEXT, context);
        return vars;
    }
}
