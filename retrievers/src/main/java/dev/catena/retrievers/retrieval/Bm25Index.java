package dev.catena.retrievers.retrieval;

import dev.catena.retrievers.store.KeywordSearch;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An in-memory BM25 index ({@code k1 = 1.2}, {@code b = 0.75}) for stores that have no
 * {@link KeywordSearch} of their own. Text is lower-cased and cut into runs of letters and digits;
 * Han, Hiragana, Katakana and Hangul characters are indexed one by one; common English stop words
 * are dropped and common English suffixes ({@code -s}, {@code -es}, {@code -ed},
 * {@code -ing}) are stripped. Thread-safe; adding an existing id replaces it.
 */
public final class Bm25Index implements KeywordSearch {

    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "are", "as", "at", "be", "by", "can",
            "do", "does", "for", "from", "how", "i", "if", "in", "is", "it", "of", "on", "or", "that", "the", "this",
            "to", "was", "what", "when", "where", "which", "who", "why", "will", "with", "my", "you", "your");

    private record Doc(TextSegment segment, Map<String, Integer> termFreqs, int length) {
    }

    private final Map<String, Doc> docs = new LinkedHashMap<>();
    private final Map<String, Integer> docFreqs = new HashMap<>();
    private long totalLength;

    /** Indexes {@code segment} under {@code id}, replacing any earlier segment with that id. */
    public synchronized void add(String id, TextSegment segment) {
        remove(id);
        List<String> terms = terms(segment.text());
        Map<String, Integer> tf = new HashMap<>();
        for (String t : terms) tf.merge(t, 1, Integer::sum);
        docs.put(id, new Doc(segment, tf, terms.size()));
        tf.keySet().forEach(t -> docFreqs.merge(t, 1, Integer::sum));
        totalLength += terms.size();
    }

    /** Indexes several segments; {@code ids} and {@code segments} must have the same size. */
    public synchronized void addAll(List<String> ids, List<TextSegment> segments) {
        if (ids.size() != segments.size()) {
            throw new IllegalArgumentException(ids.size() + " ids for " + segments.size() + " segments");
        }
        for (int i = 0; i < ids.size(); i++) add(ids.get(i), segments.get(i));
    }

    /** Removes the segment with {@code id}, if any. */
    public synchronized void remove(String id) {
        Doc old = docs.remove(id);
        if (old == null) return;
        old.termFreqs().keySet().forEach(t -> docFreqs.computeIfPresent(t, (k, n) -> n == 1 ? null : n - 1));
        totalLength -= old.length();
    }

    /** Removes every segment whose id is in {@code ids}. */
    public synchronized void removeAll(Collection<String> ids) {
        ids.forEach(this::remove);
    }

    public synchronized int size() {
        return docs.size();
    }

    @Override
    public synchronized List<EmbeddingMatch<TextSegment>> keywordSearch(String query, int maxResults, Filter filter) {
        if (maxResults <= 0) throw new IllegalArgumentException("maxResults must be positive, was " + maxResults);
        List<String> queryTerms = terms(query).stream().distinct().toList();
        if (queryTerms.isEmpty() || docs.isEmpty()) return List.of();
        double avgLength = (double) totalLength / docs.size();
        List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>();
        for (Map.Entry<String, Doc> e : docs.entrySet()) {
            Doc doc = e.getValue();
            double score = 0;
            for (String term : queryTerms) {
                Integer tf = doc.termFreqs().get(term);
                if (tf == null) continue;
                int df = docFreqs.get(term);
                double idf = Math.log(1 + (docs.size() - df + 0.5) / (df + 0.5));
                score += idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * doc.length() / avgLength));
            }
            if (score <= 0) continue;
            if (filter != null && !filter.test(doc.segment().metadata())) continue;
            matches.add(new EmbeddingMatch<>(score, e.getKey(), null, doc.segment()));
        }
        matches.sort(Comparator.comparingDouble((EmbeddingMatch<TextSegment> m) -> m.score()).reversed()
                .thenComparing(EmbeddingMatch::embeddingId));
        return List.copyOf(matches.subList(0, Math.min(maxResults, matches.size())));
    }

    /** The index terms of {@code text}, in order. */
    static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        int i = 0;
        while (i < lower.length()) {
            int cp = lower.codePointAt(i);
            int n = Character.charCount(cp);
            if (isCjk(cp)) {
                out.add(lower.substring(i, i + n));
                i += n;
            } else if (Character.isLetterOrDigit(cp)) {
                int j = i + n;
                while (j < lower.length()) {
                    int c = lower.codePointAt(j);
                    if (!Character.isLetterOrDigit(c) || isCjk(c)) break;
                    j += Character.charCount(c);
                }
                String word = lower.substring(i, j);
                if (!STOP_WORDS.contains(word)) out.add(stem(word));
                i = j;
            } else {
                i += n;
            }
        }
        return out;
    }

    /** A light English suffix stripper (plural, past tense, gerund), so "protects" and "protected" meet. */
    static String stem(String word) {
        if (word.length() <= 3 || !word.chars().allMatch(c -> c < 128 && Character.isLetter(c))) return word;
        if (word.endsWith("ies") && word.length() > 4) return word.substring(0, word.length() - 3) + "y";
        for (String suffix : new String[] {"ing", "ed", "es", "s"}) {
            if (!word.endsWith(suffix)) continue;
            String stem = word.substring(0, word.length() - suffix.length());
            if (stem.length() < 3 || suffix.equals("s") && (stem.endsWith("s") || stem.endsWith("u"))) return word;
            if (suffix.equals("es") && !(stem.endsWith("ch") || stem.endsWith("sh") || stem.endsWith("x")
                    || stem.endsWith("ss") || stem.endsWith("z"))) {
                return stem + "e";
            }
            if ((suffix.equals("ing") || suffix.equals("ed")) && stem.length() > 3
                    && stem.charAt(stem.length() - 1) == stem.charAt(stem.length() - 2)
                    && "lsz".indexOf(stem.charAt(stem.length() - 1)) < 0) {
                return stem.substring(0, stem.length() - 1); // "stopped" -> "stop"
            }
            return stem;
        }
        return word;
    }

    private static boolean isCjk(int cp) {
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA
                || s == Character.UnicodeScript.KATAKANA || s == Character.UnicodeScript.HANGUL;
    }
}
