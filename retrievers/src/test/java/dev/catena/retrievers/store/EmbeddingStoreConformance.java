package dev.catena.retrievers.store;

import dev.catena.retrievers.store.filter.UnsupportedFilterException;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The conformance kit every Catena vector store passes: a store's test extends this class and says
 * how to open a store of a given name. Each test opens a fresh, empty store under its own name.
 *
 * <p>What it checks: add (with and without segments, generated and given ids), upsert by id, delete
 * by ids, by filter and all, similarity search (relevance scores {@code (1 + cosine) / 2} in
 * {@code [0, 1]}, best first, {@code minScore} and {@code maxResults}), metadata filters (equality on
 * string/int/long/double, ranges, in/not-in, and/or/not, strings needing escapes) compared with
 * LangChain4j's own {@link Filter#test} on the same metadata, persistence across close and reopen,
 * concurrent writers, and that a filter a store cannot express fails with
 * {@link UnsupportedFilterException} naming it instead of being ignored.
 */
public abstract class EmbeddingStoreConformance {

    /** The vector dimension every store in the kit is opened with. */
    protected static final int DIMENSION = 8;

    /** Filters that not every store can express; a store lists those it supports. */
    protected enum Capability {
        /** {@code >, >=, <, <=} on string values. */
        STRING_RANGE,
        /** {@code ContainsString} (substring match). */
        CONTAINS_STRING
    }

    private final List<EmbeddingStore<TextSegment>> opened = new ArrayList<>();
    private String name;
    protected EmbeddingStore<TextSegment> store;

    /**
     * Opens the store called {@code name}, creating it empty if it does not exist. Opening a name
     * again after {@link #close} must find the data written before (unless {@link #persistent()} is false).
     *
     * @param name 3-40 characters of {@code [a-z0-9_]}, starting with a letter, unique per test
     */
    protected abstract EmbeddingStore<TextSegment> open(String name);

    /** Whether data survives closing and reopening a store; the persistence test is skipped otherwise. */
    protected boolean persistent() {
        return true;
    }

    /** The optional filters this store can express; for the others it must throw {@link UnsupportedFilterException}. */
    protected Set<Capability> capabilities() {
        return EnumSet.noneOf(Capability.class);
    }

    /** Releases a store; the default closes it when it is {@link AutoCloseable}. */
    protected void close(EmbeddingStore<TextSegment> store) throws Exception {
        if (store instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** Called between closing and reopening a store in the persistence test, e.g. to restart a server. */
    protected void restart() throws Exception {
    }

    @BeforeEach
    void openFreshStore(TestInfo info) {
        String method = info.getTestMethod().orElseThrow().getName().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
        name = "t" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "_" + method.substring(0, Math.min(28, method.length()));
        store = track(open(name));
    }

    @AfterEach
    void closeStores() throws Exception {
        for (EmbeddingStore<TextSegment> s : opened) {
            close(s);
        }
        opened.clear();
    }

    // ---------------------------------------------------------------- add, upsert, remove

    @Test
    void addsWithAndWithoutSegmentsAndIds() {
        String generated = store.add(unit(0));
        store.add("given-1", unit(1));
        String withSegment = store.add(unit(2), TextSegment.from("two", Metadata.from("k", "v")));
        List<String> batch = store.addAll(List.of(unit(3), unit(4)), List.of(TextSegment.from("three"), TextSegment.from("four")));
        List<String> plain = store.addAll(List.of(unit(5)));

        assertThat(generated).isNotBlank();
        assertThat(batch).hasSize(2).doesNotHaveDuplicates();
        Map<String, EmbeddingMatch<TextSegment>> all = byId(searchAll(unit(0)));
        assertThat(all.keySet()).containsExactlyInAnyOrder(generated, "given-1", withSegment, batch.get(0), batch.get(1), plain.get(0));
        assertThat(all.get("given-1").embedded()).isNull();
        assertThat(all.get(generated).embedded()).isNull();
        assertThat(all.get(withSegment).embedded().text()).isEqualTo("two");
        assertThat(all.get(withSegment).embedded().metadata().getString("k")).isEqualTo("v");
        assertThat(all.get(batch.get(1)).embedded().text()).isEqualTo("four");
        assertThat(all.get(withSegment).embedding().vector()).usingComparatorWithPrecision(1e-5f).containsExactly(unit(2).vector());
    }

    @Test
    void addingAnExistingIdReplacesTheEntry() {
        store.addAll(List.of("a", "b"), List.of(unit(0), unit(1)), List.of(TextSegment.from("old a"), TextSegment.from("old b")));
        store.addAll(List.of("a"), List.of(unit(2)), List.of(TextSegment.from("new a", new Metadata().put("version", 2))));

        List<EmbeddingMatch<TextSegment>> all = searchAll(unit(2));
        assertThat(all).extracting(EmbeddingMatch::embeddingId).containsExactly("a", "b");
        assertThat(all.getFirst().embedded().text()).isEqualTo("new a");
        assertThat(all.getFirst().embedded().metadata().getInteger("version")).isEqualTo(2);
        assertThat(all.getFirst().score()).isCloseTo(1.0, within(1e-4));
    }

    @Test
    void removesByIdsByFilterAndAll() {
        List<String> ids = addCorpus();
        store.remove(ids.get(0));
        store.removeAll(List.of(ids.get(1), ids.get(2), "never-stored"));
        assertThat(idsOf(searchAll(unit(0)))).containsExactlyInAnyOrderElementsOf(ids.subList(3, ids.size()));

        Filter filter = metadataKey("count").isGreaterThanOrEqualTo(6).or(metadataKey("name").isEqualTo("beta"));
        store.removeAll(filter);
        Set<String> expected = corpus().entrySet().stream()
                .filter(e -> !ids.subList(0, 3).contains(e.getKey()))
                .filter(e -> !filter.test(e.getValue().metadata()))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(expected).isNotEmpty().hasSizeLessThan(ids.size() - 3);
        assertThat(idsOf(searchAll(unit(0)))).containsExactlyInAnyOrderElementsOf(expected);

        store.removeAll();
        assertThat(searchAll(unit(0))).isEmpty();
        store.add("after-clear", unit(1));
        assertThat(idsOf(searchAll(unit(0)))).containsExactly("after-clear");
    }

    @Test
    void removingNoIdsIsRejected() {
        assertThatThrownBy(() -> store.removeAll(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    // ---------------------------------------------------------------- similarity search

    @Test
    void scoresAreRelevanceInUnitIntervalBestFirst() {
        // Cosine with the query e0: 1, 1/sqrt(2), 0, -1/sqrt(2), -1.
        store.addAll(List.of("same", "near", "orthogonal", "away", "opposite"),
                List.of(unit(0), mix(0, 1, 1), unit(1), negate(mix(0, 1, 1)), negate(unit(0))),
                List.of(TextSegment.from("same"), TextSegment.from("near"), TextSegment.from("orthogonal"),
                        TextSegment.from("away"), TextSegment.from("opposite")));

        List<EmbeddingMatch<TextSegment>> all = searchAll(unit(0));
        assertThat(idsOf(all)).containsExactly("same", "near", "orthogonal", "away", "opposite");
        double[] expected = {1.0, (1 + Math.sqrt(0.5)) / 2, 0.5, (1 - Math.sqrt(0.5)) / 2, 0.0};
        for (int i = 0; i < expected.length; i++) {
            assertThat(all.get(i).score()).as("score of %s", all.get(i).embeddingId()).isCloseTo(expected[i], within(1e-3));
        }

        assertThat(idsOf(search(unit(0), 10, 0.6, null))).containsExactly("same", "near");
        assertThat(idsOf(search(unit(0), 10, 0.5 - 1e-3, null))).containsExactly("same", "near", "orthogonal");
        assertThat(idsOf(search(unit(0), 2, 0.0, null))).containsExactly("same", "near");
        assertThat(idsOf(search(unit(0), 1, 0.99, null))).containsExactly("same");
        assertThat(search(negate(unit(1)), 10, 0.9, null)).isEmpty();
    }

    @Test
    void searchOfAnEmptyStoreFindsNothing() {
        assertThat(search(unit(0), 5, 0.0, null)).isEmpty();
    }

    @Test
    void topKOfManyEntriesAreTheNearest() {
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        List<Embedding> vectors = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            ids.add("v" + i);
            vectors.add(randomUnit(random));
        }
        store.addAll(ids, vectors, null);
        Embedding query = randomUnit(random);
        List<String> exact = IntStream.range(0, ids.size()).boxed()
                .sorted((a, b) -> Double.compare(cosine(query, vectors.get(b)), cosine(query, vectors.get(a))))
                .limit(5).map(ids::get).toList();
        List<EmbeddingMatch<TextSegment>> top = search(query, 5, 0.0, null);
        assertThat(idsOf(top)).containsExactlyElementsOf(exact);
        for (EmbeddingMatch<TextSegment> match : top) {
            double cosine = cosine(query, vectors.get(ids.indexOf(match.embeddingId())));
            assertThat(match.score()).isCloseTo((1 + cosine) / 2, within(1e-3));
        }
    }

    // ---------------------------------------------------------------- metadata filters

    @Test
    void metadataFiltersSelectWhatFilterTestAccepts() {
        addCorpus();
        List<Filter> filters = List.of(
                metadataKey("name").isEqualTo("beta"),
                metadataKey("name").isEqualTo("it's \"quoted\" \\ 100%_"),
                metadataKey("name").isNotEqualTo("beta"),
                metadataKey("count").isEqualTo(3),
                metadataKey("big").isEqualTo(10_000_000_004L),
                metadataKey("price").isEqualTo(4.5),
                metadataKey("count").isGreaterThan(6),
                metadataKey("count").isGreaterThanOrEqualTo(6),
                metadataKey("count").isLessThan(2),
                metadataKey("count").isLessThanOrEqualTo(2),
                metadataKey("price").isGreaterThan(3.0).and(metadataKey("price").isLessThanOrEqualTo(9.0)),
                metadataKey("big").isGreaterThanOrEqualTo(10_000_000_007L),
                metadataKey("name").isIn("alpha", "gamma"),
                metadataKey("count").isIn(1, 4, 8),
                metadataKey("name").isNotIn("alpha", "gamma"),
                metadataKey("count").isNotIn(0, 9),
                metadataKey("name").isEqualTo("alpha").or(metadataKey("count").isGreaterThan(8)),
                Filter.not(metadataKey("name").isEqualTo("alpha")),
                Filter.not(metadataKey("name").isEqualTo("alpha").or(metadataKey("count").isLessThan(5))),
                Filter.not(metadataKey("name").isIn("beta", "gamma").and(metadataKey("price").isGreaterThan(6.0))),
                Filter.not(Filter.not(metadataKey("count").isEqualTo(7))),
                metadataKey("name").isEqualTo("nobody"));
        Map<String, TextSegment> corpus = corpus();
        for (Filter filter : filters) {
            Set<String> expected = corpus.entrySet().stream().filter(e -> filter.test(e.getValue().metadata()))
                    .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
            assertThat(new TreeSet<>(idsOf(search(unit(0), 100, 0.0, filter)))).as("filter %s", filter)
                    .containsExactlyElementsOf(expected);
        }
    }

    @Test
    void metadataTypesRoundTrip() {
        Metadata metadata = new Metadata().put("s", "text").put("i", 42).put("l", 10_000_000_000L).put("d", 2.25)
                .put("negative", -7);
        store.addAll(List.of("typed"), List.of(unit(0)), List.of(TextSegment.from("typed", metadata)));
        TextSegment back = searchAll(unit(0)).getFirst().embedded();
        assertThat(back.metadata().toMap()).isEqualTo(metadata.toMap());
    }

    @Test
    void negationsMatchEntriesWithoutTheKey() {
        store.addAll(List.of("with", "without"), List.of(unit(0), unit(1)),
                List.of(TextSegment.from("with", Metadata.from("color", "red")), TextSegment.from("without", new Metadata().put("size", 1))));
        assertThat(idsOf(search(unit(0), 10, 0.0, metadataKey("color").isNotEqualTo("red")))).containsExactly("without");
        assertThat(idsOf(search(unit(0), 10, 0.0, metadataKey("color").isNotIn("red", "blue")))).containsExactly("without");
        assertThat(idsOf(search(unit(0), 10, 0.0, metadataKey("color").isEqualTo("red")))).containsExactly("with");
    }

    @Test
    void optionalFiltersWorkOrFailClearly() {
        addCorpus();
        Map<String, TextSegment> corpus = corpus();
        Map<Capability, Filter> optional = new LinkedHashMap<>();
        optional.put(Capability.STRING_RANGE, metadataKey("name").isGreaterThan("beta"));
        optional.put(Capability.CONTAINS_STRING, metadataKey("name").containsString("mm"));
        for (var entry : optional.entrySet()) {
            Filter filter = entry.getValue();
            if (capabilities().contains(entry.getKey())) {
                Set<String> expected = corpus.entrySet().stream().filter(e -> filter.test(e.getValue().metadata()))
                        .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
                assertThat(expected).isNotEmpty();
                assertThat(new TreeSet<>(idsOf(search(unit(0), 100, 0.0, filter)))).as("filter %s", filter)
                        .containsExactlyElementsOf(expected);
            } else {
                assertUnsupported(filter, filter);
            }
        }
    }

    @Test
    void unknownFilterTypeFailsClearlyAndDeletesNothing() {
        List<String> ids = addCorpus();
        Filter custom = new Filter() {
            @Override
            public boolean test(Object object) {
                return true;
            }

            @Override
            public String toString() {
                return "CustomFilter(anything)";
            }
        };
        assertUnsupported(custom, custom);
        assertUnsupported(metadataKey("name").isEqualTo("alpha").and(custom), custom);
        assertThat(idsOf(searchAll(unit(0)))).containsExactlyInAnyOrderElementsOf(ids);
    }

    /** Search and delete with {@code filter} both fail naming {@code offending}, the part the store cannot express. */
    private void assertUnsupported(Filter filter, Filter offending) {
        assertThatThrownBy(() -> search(unit(0), 10, 0.0, filter)).as("search with %s", filter)
                .isInstanceOf(UnsupportedFilterException.class).hasMessageContaining(offending.toString())
                .extracting(e -> ((UnsupportedFilterException) e).filter()).isSameAs(offending);
        assertThatThrownBy(() -> store.removeAll(filter)).as("removeAll with %s", filter)
                .isInstanceOf(UnsupportedFilterException.class).hasMessageContaining(offending.toString());
    }

    // ---------------------------------------------------------------- persistence and concurrency

    @Test
    void dataSurvivesCloseAndReopen() throws Exception {
        assumeTrue(persistent(), "this store keeps its data in memory only");
        List<String> ids = addCorpus();
        List<EmbeddingMatch<TextSegment>> before = searchAll(unit(0));
        close(store);
        opened.remove(store);
        restart();
        store = track(open(name));

        List<EmbeddingMatch<TextSegment>> after = searchAll(unit(0));
        assertThat(idsOf(after)).containsExactlyElementsOf(idsOf(before)).containsExactlyInAnyOrderElementsOf(ids);
        for (int i = 0; i < before.size(); i++) {
            assertThat(after.get(i).embedded()).isEqualTo(before.get(i).embedded());
            assertThat(after.get(i).score()).isCloseTo(before.get(i).score(), within(1e-5));
        }
        assertThat(idsOf(search(unit(0), 100, 0.0, metadataKey("name").isEqualTo("beta")))).isNotEmpty();
        store.add("after-reopen", unit(3));
        assertThat(searchAll(unit(0))).hasSize(ids.size() + 1);
    }

    @Test
    void concurrentWritersLoseNothing() throws Exception {
        int threads = 4;
        int perThread = 30;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    Random random = new Random(thread);
                    for (int from = 0; from < perThread; from += 5) {
                        List<String> ids = new ArrayList<>();
                        List<Embedding> vectors = new ArrayList<>();
                        List<TextSegment> segments = new ArrayList<>();
                        for (int i = from; i < from + 5; i++) {
                            ids.add("w" + thread + "-" + i);
                            vectors.add(randomUnit(random));
                            segments.add(TextSegment.from("writer " + thread + " item " + i, new Metadata().put("writer", thread)));
                        }
                        store.addAll(ids, vectors, segments);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<EmbeddingMatch<TextSegment>> all = search(unit(0), threads * perThread + 10, 0.0, null);
        Set<String> expected = new TreeSet<>();
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                expected.add("w" + t + "-" + i);
            }
        }
        assertThat(new TreeSet<>(idsOf(all))).containsExactlyElementsOf(expected);
        assertThat(idsOf(search(unit(0), 200, 0.0, metadataKey("writer").isEqualTo(2)))).hasSize(perThread);
    }

    // ---------------------------------------------------------------- helpers

    /** Ten entries with every key present: name, count (int), big (long), price (double). */
    protected static Map<String, TextSegment> corpus() {
        String[] names = {"alpha", "beta", "gamma", "beta", "alpha", "it's \"quoted\" \\ 100%_", "gamma", "beta", "delta", "alpha"};
        Map<String, TextSegment> corpus = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            Metadata metadata = new Metadata().put("name", names[i]).put("count", i).put("big", 10_000_000_000L + i)
                    .put("price", i * 1.5);
            corpus.put("doc-" + i, TextSegment.from("document number " + i + " about " + names[i], metadata));
        }
        return corpus;
    }

    private List<String> addCorpus() {
        Map<String, TextSegment> corpus = corpus();
        List<String> ids = List.copyOf(corpus.keySet());
        Random random = new Random(42);
        List<Embedding> vectors = ids.stream().map(id -> randomUnit(random)).toList();
        store.addAll(ids, vectors, List.copyOf(corpus.values()));
        return ids;
    }

    private EmbeddingStore<TextSegment> track(EmbeddingStore<TextSegment> s) {
        opened.add(s);
        return s;
    }

    protected List<EmbeddingMatch<TextSegment>> search(Embedding query, int maxResults, double minScore, Filter filter) {
        List<EmbeddingMatch<TextSegment>> matches = store.search(EmbeddingSearchRequest.builder().queryEmbedding(query)
                .maxResults(maxResults).minScore(minScore).filter(filter).build()).matches();
        assertThat(matches.size()).isLessThanOrEqualTo(maxResults);
        for (int i = 0; i < matches.size(); i++) {
            assertThat(matches.get(i).score()).as("score").isBetween(0.0 - 1e-6, 1.0 + 1e-6).isGreaterThanOrEqualTo(minScore);
            if (i > 0) {
                assertThat(matches.get(i).score()).as("sorted best first").isLessThanOrEqualTo(matches.get(i - 1).score());
            }
        }
        return matches;
    }

    protected List<EmbeddingMatch<TextSegment>> searchAll(Embedding query) {
        return search(query, 200, 0.0, null);
    }

    protected static List<String> idsOf(List<EmbeddingMatch<TextSegment>> matches) {
        return matches.stream().map(EmbeddingMatch::embeddingId).toList();
    }

    private static Map<String, EmbeddingMatch<TextSegment>> byId(Collection<EmbeddingMatch<TextSegment>> matches) {
        Map<String, EmbeddingMatch<TextSegment>> map = new LinkedHashMap<>();
        matches.forEach(m -> map.put(m.embeddingId(), m));
        return map;
    }

    protected static Embedding unit(int axis) {
        float[] v = new float[DIMENSION];
        v[axis] = 1f;
        return new Embedding(v);
    }

    private static Embedding mix(int a, int b, int signB) {
        float[] v = new float[DIMENSION];
        v[a] = (float) Math.sqrt(0.5);
        v[b] = (float) (signB * Math.sqrt(0.5));
        return new Embedding(v);
    }

    private static Embedding negate(Embedding e) {
        float[] v = e.vector().clone();
        for (int i = 0; i < v.length; i++) {
            v[i] = -v[i];
        }
        return new Embedding(v);
    }

    protected static Embedding randomUnit(Random random) {
        float[] v = new float[DIMENSION];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < v.length; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return new Embedding(v);
    }

    private static double cosine(Embedding a, Embedding b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.vector().length; i++) {
            dot += a.vector()[i] * b.vector()[i];
            na += a.vector()[i] * a.vector()[i];
            nb += b.vector()[i] * b.vector()[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
