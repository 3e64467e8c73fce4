package dev.catena.llm.tokenizer;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A pre-tokenizer regex run the way llama.cpp runs its general (not hand-written) splitters, so that results
 * match it even where its ECMAScript regex engine differs from a Unicode-aware one:
 * <ul>
 *   <li>a regex using Unicode categories ({@code \p{L}}, {@code \p{N}}, {@code \p{P}}, {@code \p{M}},
 *       {@code \p{S}}, and {@code \p{Lu}}/{@code Ll}/{@code Lt}/{@code Lm}/{@code Lo}, which all mean
 *       "letter" there) runs on a collapsed text in which every non-ASCII code point is replaced by one marker
 *       character for its category (non-ASCII whitespace by U+000B); the categories in the regex become their
 *       marker plus their ASCII members;</li>
 *   <li>another regex runs on the code points, non-ASCII whitespace replaced by U+000B.</li>
 * </ul>
 * Both use ASCII-only {@code \s}, {@code \d} and {@code \w}, as ECMAScript does. Matches and the text between
 * them become words.
 */
final class CollapsedRegexSplit implements SplitStage {

    private static final char WHITESPACE = '\u000B';
    private static final char OTHER = '\u00D0';
    private static final char NUMBER = '\u00D1';
    private static final char LETTER = '\u00D2';
    private static final char PUNCTUATION = '\u00D3';
    private static final char MARK = '\u00D4';
    private static final char SYMBOL = '\u00D5';

    private final Pattern pattern;
    private final boolean collapsed;

    CollapsedRegexSplit(String llamaCppRegex) {
        String rewritten = collapseCategories(llamaCppRegex);
        this.collapsed = rewritten != null;
        this.pattern = Pattern.compile(collapsed ? rewritten : llamaCppRegex);
    }

    @Override
    public void split(int[] cps, int from, int to, IntList lengths) {
        StringBuilder sb = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            int cp = cps[i];
            if (cp < 0x80) {
                sb.append((char) cp);
            } else if (CodePoints.isWhitespace(cp)) {
                sb.append(WHITESPACE);
            } else if (collapsed) {
                sb.append(marker(cp));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        String text = sb.toString();
        Matcher m = pattern.matcher(text);
        int lastChar = 0;
        int lastCp = 0;
        while (m.find()) {
            if (m.end() == m.start()) {
                continue;
            }
            int startCp = lastCp + text.codePointCount(lastChar, m.start());
            int endCp = startCp + text.codePointCount(m.start(), m.end());
            if (startCp > lastCp) {
                lengths.add(startCp - lastCp);
            }
            lengths.add(endCp - startCp);
            lastChar = m.end();
            lastCp = endCp;
        }
        if (lastCp < to - from) {
            lengths.add(to - from - lastCp);
        }
    }

    private static char marker(int cp) {
        return switch (Character.getType(cp)) {
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER -> NUMBER;
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                 Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER;
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> PUNCTUATION;
            case Character.NON_SPACING_MARK, Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK -> MARK;
            case Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL, Character.MODIFIER_SYMBOL,
                 Character.OTHER_SYMBOL -> SYMBOL;
            default -> OTHER;
        };
    }

    /** The class content standing for a category in the collapsed regex: its marker and its ASCII members. */
    private static String category(String name) {
        return switch (name) {
            case "N" -> NUMBER + "0-9";
            case "L", "Lu", "Ll", "Lt", "Lm", "Lo" -> LETTER + "A-Za-z";
            case "P" -> PUNCTUATION + "!-#%-*,-/:-;?-@\\[-\\]_\\{\\}";
            case "M" -> String.valueOf(MARK);
            case "S" -> SYMBOL + "\\$\\+<->\\^`\\|~";
            default -> null;
        };
    }

    /** The regex with its Unicode categories collapsed, or null when it uses none. */
    private static String collapseCategories(String regex) {
        StringBuilder out = new StringBuilder();
        boolean inside = false;
        boolean any = false;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '[' && (i == 0 || regex.charAt(i - 1) != '\\')) {
                out.append(c);
                inside = true;
                continue;
            }
            if (inside && c == ']' && regex.charAt(i - 1) != '\\') {
                out.append(c);
                inside = false;
                continue;
            }
            if (c == '\\' && i + 3 < regex.length() && regex.charAt(i + 1) == 'p' && regex.charAt(i + 2) == '{') {
                int close = regex.indexOf('}', i + 3);
                String content = close > 0 ? category(regex.substring(i + 3, close)) : null;
                if (content != null) {
                    out.append(inside ? content : "[" + content + "]");
                    i = close;
                    any = true;
                    continue;
                }
            }
            out.append(c);
        }
        return any ? out.toString() : null;
    }
}
