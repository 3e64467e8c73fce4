package dev.catena.samples.support;

import dev.catena.retrievers.lucene.analysis.ScriptAnalyzers;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The statement of the passages that answers a question, taken word for word: the passages are cut
 * into units (a sentence of a paragraph, a bullet, or a whole numbered list, which is one procedure),
 * and the units are ranked by BM25 against the question's terms, with the terms of the model's own
 * answer at half weight (a tiny model's wrong or unverifiable answer still tends to name the right
 * topic). Terms are Lucene's, by script ({@link ScriptAnalyzers}: English stems, Chinese words and
 * bigrams); the words that only make a sentence a question ("how", "does", "多少", "吗"...) are
 * left out of the question's terms. A unit counts only when it holds at least {@code minShare} of
 * the question's term weight (inverse document frequency over the units) and at least two of its
 * terms (or its only one), so a question about something the passages do not mention still goes
 * to a person.
 *
 * <p>This is how an answer stays grounded whatever the model: what the customer reads is either the
 * model's answer that passed verification or a sentence of the help pages.
 */
public final class AnswerExtraction {

    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=\\p{Lu}|\\d)|(?<=[。！？])");
    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*+]|\\d+[.)])\\s+");
    private static final Pattern NUMBERED = Pattern.compile("^\\s*\\d+[.)]\\s+.*");
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final double ANSWER_WEIGHT = 0.5;

    /** The bot's default {@code minShare} ({@code support.min-extract-share}). */
    public static final double DEFAULT_MIN_SHARE = 0.25;
    /** Question and function words of English and Chinese, which say what is asked but not about what. */
    private static final Set<String> QUESTION_WORDS = questionWords(
            "how what when where which who whom whose why do does did can could would should will shall may might must is are was"
                    + " were am be been i me my mine we us our you your yours there much many any some get have has had please",
            "多少 几 什么 怎么 怎样 如何 吗 呢 吧 有 能 可以 会 要 需要 是 的 了 谁 哪 哪里 哪些 多久 多长 我 你 你们 我们 还 请");

    private AnswerExtraction() {}

    /** A unit of a passage and its source. */
    public record Extract(String text, Source source, double share) {}

    /**
     * The unit of {@code sources} that best answers {@code question} (with {@code modelAnswer}'s terms as
     * a hint; may be empty), or empty when none holds {@code minShare} of the question's term weight.
     */
    public static Optional<Extract> best(String question, String modelAnswer, List<Source> sources, double minShare) {
        List<Unit> units = new ArrayList<>();
        for (Source s : sources) {
            for (String text : units(s.text())) units.add(new Unit(text, s, terms(text)));
        }
        Set<String> asked = new LinkedHashSet<>(terms(question));
        asked.removeAll(QUESTION_WORDS);
        if (units.isEmpty() || asked.isEmpty()) return Optional.empty();
        Set<String> hinted = new LinkedHashSet<>(terms(modelAnswer == null ? "" : modelAnswer));
        hinted.removeAll(asked);
        Map<String, Integer> df = new HashMap<>();
        double length = 0;
        for (Unit u : units) {
            length += u.terms().size();
            for (String t : new LinkedHashSet<>(u.terms())) df.merge(t, 1, Integer::sum);
        }
        double avg = length / units.size();
        double total = 0;
        for (String t : asked) total += idf(df.getOrDefault(t, 0), units.size());
        Extract best = null;
        double bestScore = 0;
        for (Unit u : units) {
            double found = 0;
            int matched = 0;
            for (String t : asked) {
                if (u.terms().contains(t)) {
                    found += idf(df.get(t), units.size());
                    matched++;
                }
            }
            double share = found / total;
            // One shared term of several is a coincidence ("the moon lamp" and "switch the lamp on"), not an answer.
            if (share < minShare || matched < Math.min(2, asked.size())) continue;   // the model's terms rank the units that address the question, never others
            double score = bm25(u, asked, df, units.size(), avg) + ANSWER_WEIGHT * bm25(u, hinted, df, units.size(), avg);
            if (score > bestScore) {   // ties keep the earlier unit: passages come best first
                bestScore = score;
                best = new Extract(u.text(), u.source(), share);
            }
        }
        return Optional.ofNullable(best);
    }

    private record Unit(String text, Source source, List<String> terms) {}

    private static double bm25(Unit u, Set<String> query, Map<String, Integer> df, int n, double avg) {
        double score = 0;
        for (String t : query) {
            long tf = u.terms().stream().filter(t::equals).count();
            if (tf == 0) continue;
            score += idf(df.get(t), n) * tf * (K1 + 1) / (tf + K1 * (1 - B + B * u.terms().size() / avg));
        }
        return score;
    }

    private static double idf(int df, int n) {
        return Math.log(1 + (n - df + 0.5) / (df + 0.5));
    }

    /** A passage's units: sentences of paragraphs, bullets, and each numbered list whole; headings left out. */
    static List<String> units(String passage) {
        List<String> out = new ArrayList<>();
        StringBuilder numbered = new StringBuilder();
        for (String raw : passage.split("\n")) {
            String line = raw.strip();
            if (NUMBERED.matcher(line).matches()) {
                numbered.append(numbered.isEmpty() ? "" : " ").append(clean(line));
                continue;
            }
            if (!numbered.isEmpty()) {
                out.add(numbered.toString());
                numbered.setLength(0);
            }
            if (line.isEmpty() || line.startsWith("#")) continue;
            if (BULLET.matcher(line).find()) {
                out.add(clean(line));
                continue;
            }
            for (String sentence : SENTENCE_END.split(line)) {
                String s = clean(sentence);
                if (!s.isEmpty()) out.add(s);
            }
        }
        if (!numbered.isEmpty()) out.add(numbered.toString());
        return out;
    }

    private static String clean(String text) {
        return BULLET.matcher(text).replaceFirst("").replace("**", "").replace("__", "").strip();
    }

    private static Set<String> questionWords(String english, String chinese) {
        Set<String> words = new java.util.HashSet<>();
        for (String w : (english + " " + chinese).split(" ")) {
            words.add(w);
            words.addAll(terms(w));   // as the analyzer writes them (stems)
        }
        return Set.copyOf(words);
    }

    /** The analyzed terms of {@code text}, in order, repeats kept. */
    static List<String> terms(String text) {
        List<String> out = new ArrayList<>();
        Analyzer analyzer = ScriptAnalyzers.forText(text);
        try (TokenStream ts = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) out.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot analyze text", e);
        }
        return out;
    }
}
