package dev.catena.agents.react;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The sentences of tools' results that a final answer may quote: each paragraph or list item of a result (lines
 * wrapped inside a sentence are joined), without list, quote and result-number markers ({@code [1] }, {@code - },
 * {@code > }), split into sentences; Markdown headings are titles, not statements, and are left out. A small model that has to copy one of these cannot answer with a number or a fact of
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
            for (String paragraph : paragraphs(result)) {
                String text = MARKERS.matcher(paragraph).replaceFirst("").strip();
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

    /**
     * The result's paragraphs and list items: a line continues the one before (text wrapped in the middle of a
     * sentence) unless it is blank or starts with a marker or a heading.
     */
    private static List<String> paragraphs(String result) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String raw : result.split("\\R")) {
            String line = raw.strip();
            boolean starts = line.isEmpty() || line.startsWith("#") || MARKERS.matcher(line).lookingAt();
            if (starts && !current.isEmpty()) {
                out.add(current.toString());
                current.setLength(0);
            }
            if (!line.isEmpty()) current.append(current.isEmpty() ? "" : " ").append(line);
            if (line.startsWith("#") || MARKERS.matcher(line).replaceFirst("").startsWith("#")) {
                out.add(current.toString());
                current.setLength(0);
            }
        }
        if (!current.isEmpty()) out.add(current.toString());
        return out;
    }
}
