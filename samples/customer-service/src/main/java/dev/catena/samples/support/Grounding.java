package dev.catena.samples.support;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How much of an answer is found in the passages it was based on: the share of the answer's
 * content terms (words of three or more letters, numbers, and each Chinese character) that occur
 * in the passages. A copied or paraphrased-with-the-same-terms answer scores near 1; an answer
 * that brings in facts of its own, or that a small model rambled into, scores low. Used to check
 * answers when the model's own YES/NO verdict is missing or cannot be trusted.
 */
public final class Grounding {

    private static final Pattern TERM = Pattern.compile("\\p{IsHan}|\\d+(?:[.,]\\d+)*|\\p{L}{3,}");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
    private static final Set<String> STOP = Set.of("the", "and", "for", "you", "your", "are", "can", "with", "this", "that",
            "our", "not", "have", "has", "will", "from", "was", "but", "all", "any", "out", "its", "may", "about", "what", "how");

    private Grounding() {}

    /** The share of {@code answer}'s content terms found in {@code sources}, 0 when it has none. */
    public static double score(String answer, List<Source> sources) {
        Set<String> terms = terms(answer);
        if (terms.isEmpty()) return 0;
        StringBuilder all = new StringBuilder();
        for (Source s : sources) all.append(s.text()).append('\n');
        Set<String> known = terms(all.toString());
        long found = terms.stream().filter(known::contains).count();
        return (double) found / terms.size();
    }

    /**
     * Whether every number of {@code answer} (a price, a count of days, a time) occurs in
     * {@code sources}: a figure the passages do not give is the costliest thing a small model can make up.
     */
    public static boolean numbersFound(String answer, List<Source> sources) {
        Set<String> known = new LinkedHashSet<>();
        for (Source s : sources) known.addAll(numbers(s.text()));
        return known.containsAll(numbers(answer));
    }

    private static Set<String> numbers(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) out.add(m.group());
        return out;
    }

    static Set<String> terms(String text) {
        Set<String> out = new LinkedHashSet<>();
        Matcher m = TERM.matcher(text.toLowerCase(Locale.ROOT));
        while (m.find()) {
            String t = m.group();
            if (!STOP.contains(t)) out.add(t);
        }
        return out;
    }
}
