package dev.catena.retrievers.splitter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Packs whole sentences into chunks of at most {@code maxChars} with up to {@code overlapChars} of
 * overlap. Sentences end at {@code . ! ?} followed by whitespace (not after common abbreviations
 * such as "e.g." or "Dr."), at the Chinese (full-width) terminators
 * {@code 。！？；}, and at blank lines. A sentence longer than {@code maxChars} is cut like
 * {@link RecursiveCharacterSplitter} would.
 */
public final class SentenceSplitter extends ChunkingSplitter {

    private static final Set<String> ABBREVIATIONS = Set.of("mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st",
            "vs", "etc", "e.g", "i.e", "inc", "ltd", "fig", "approx", "dept", "u.s");

    private final int maxChars;
    private final int overlapChars;
    private final RecursiveCharacterSplitter fallback;

    private SentenceSplitter(int maxChars, int overlapChars) {
        SplitterSupport.checkSizes(maxChars, overlapChars);
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
        this.fallback = RecursiveCharacterSplitter.of(maxChars, 0, List.of(" ", ""));
    }

    public static SentenceSplitter of(int maxChars, int overlapChars) {
        return new SentenceSplitter(maxChars, overlapChars);
    }

    @Override
    protected List<Span> chunkSpans(String text) {
        List<Span> pieces = new ArrayList<>();
        for (Span sentence : sentences(text)) {
            if (sentence.length() <= maxChars) pieces.add(sentence);
            else pieces.addAll(fallback.pieces(text, sentence.start(), sentence.end()));
        }
        return SpanMerger.merge(pieces, maxChars, overlapChars);
    }

    /** The sentences of {@code text} as contiguous spans; each includes the whitespace after it. */
    public static List<Span> sentences(String text) {
        List<Span> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int end = -1;
            if (isCjkTerminator(c)) {
                end = skipClosers(text, i + 1);
            } else if ((c == '.' || c == '!' || c == '?') && !(c == '.' && isAbbreviation(text, start, i))) {
                int after = skipClosers(text, i + 1);
                if (after == n || Character.isWhitespace(text.charAt(after))) end = after;
            } else if (c == '\n' && i + 1 < n && text.charAt(i + 1) == '\n') {
                end = i;
            }
            if (end < 0) {
                i++;
                continue;
            }
            while (end < n && Character.isWhitespace(text.charAt(end))) end++;
            if (end > start) out.add(Span.chars(start, end));
            start = end;
            i = Math.max(end, i + 1);
        }
        if (start < n) out.add(Span.chars(start, n));
        return out;
    }

    private static boolean isCjkTerminator(char c) {
        return c == '。' || c == '！' || c == '？' || c == '；';
    }

    private static int skipClosers(String text, int i) {
        while (i < text.length() && "\"')]}”’」』）】".indexOf(text.charAt(i)) >= 0) i++;
        return i;
    }

    private static boolean isAbbreviation(String text, int sentenceStart, int dot) {
        int w = dot;
        while (w > sentenceStart && !Character.isWhitespace(text.charAt(w - 1))) w--;
        String word = text.substring(w, dot).toLowerCase(Locale.ROOT);
        if (word.startsWith("(")) word = word.substring(1);
        if (ABBREVIATIONS.contains(word)) return true;
        // a single letter ("J. Smith") or a number followed by more digits ("3.14" has no space anyway)
        return word.length() == 1 && Character.isLetter(word.charAt(0));
    }
}
