package dev.catena.agents.react;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sentences of tools' results that a final answer may quote: each line of a result, without list, quote and
 * result-number markers ({@code [1] }, {@code - }, {@code > }), split into sentences; Markdown headings are titles, not
 * statements, and are left out. A small model that has to copy one of these cannot answer with a number or a fact of
 * its own after a tool found the right one.
 */
final class ObservationQuotes {

    /** The most quotes offered, so that a long result does not make the answer's grammar unbounded. */
    static final int MAX_QUOTES = 200;

    private static final Pattern MARKERS = Pattern.compile("^(\\[\\d+]\\s*|[-*+>]\\s+|\\d+[.)]\\s+)+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[\\p{Lu}\\d(\"'])");

    private ObservationQuotes() {
    }

    /** The distinct sentences of {@code results}, in order, each at most {@code maxLength} characters. */
    static List<String> of(List<String> results, int maxLength) {
        Set<String> quotes = new LinkedHashSet<>();
        for (String result : results) {
            for (String line : result.split("\\R")) {
                String text = MARKERS.matcher(line.strip()).replaceFirst("").strip();
                if (text.startsWith("#")) continue;
                for (String sentence : SENTENCE_END.split(text)) {
                    String s = ReActGrammar.oneLine(sentence);
                    if (s.length() > maxLength) s = s.substring(0, maxLength).strip();
                    if (s.codePoints().anyMatch(Character::isLetterOrDigit) && quotes.size() < MAX_QUOTES) quotes.add(s);
                }
            }
        }
        return new ArrayList<>(quotes);
    }
}
