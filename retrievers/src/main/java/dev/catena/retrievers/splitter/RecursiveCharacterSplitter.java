package dev.catena.retrievers.splitter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits text at the coarsest separator that yields pieces of at most {@code maxChars} (by default
 * paragraphs, then lines, then sentences, then words, then a hard cut), and packs the pieces into
 * chunks of at most {@code maxChars} with up to {@code overlapChars} of overlap.
 */
public final class RecursiveCharacterSplitter extends ChunkingSplitter {

    /** Paragraph, line, sentence, word, then a hard cut. */
    public static final List<String> DEFAULT_SEPARATORS = List.of("\n\n", "\n", ". ", "。", " ", "");

    private final int maxChars;
    private final int overlapChars;
    private final List<String> separators;

    private RecursiveCharacterSplitter(int maxChars, int overlapChars, List<String> separators) {
        SplitterSupport.checkSizes(maxChars, overlapChars);
        if (separators.isEmpty() || !separators.getLast().isEmpty()) {
            separators = new ArrayList<>(separators);
            separators.add("");
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
        this.separators = List.copyOf(separators);
    }

    /** A splitter with the {@link #DEFAULT_SEPARATORS}. */
    public static RecursiveCharacterSplitter of(int maxChars, int overlapChars) {
        return new RecursiveCharacterSplitter(maxChars, overlapChars, DEFAULT_SEPARATORS);
    }

    /** A splitter trying {@code separators} in order; a final hard cut is added when missing. */
    public static RecursiveCharacterSplitter of(int maxChars, int overlapChars, List<String> separators) {
        return new RecursiveCharacterSplitter(maxChars, overlapChars, separators);
    }

    @Override
    protected List<Span> chunkSpans(String text) {
        return SpanMerger.merge(pieces(text, 0, text.length()), maxChars, overlapChars);
    }

    /** Cuts {@code [start, end)} into contiguous pieces of at most {@code maxChars}. */
    List<Span> pieces(String text, int start, int end) {
        List<Span> out = new ArrayList<>();
        cut(text, start, end, 0, out);
        return out;
    }

    private void cut(String text, int start, int end, int level, List<Span> out) {
        if (end - start <= maxChars) {
            if (end > start) out.add(Span.chars(start, end));
            return;
        }
        for (int i = level; i < separators.size(); i++) {
            String sep = separators.get(i);
            if (sep.isEmpty()) {
                for (int s = start; s < end; s += maxChars) out.add(Span.chars(s, Math.min(end, s + maxChars)));
                return;
            }
            int at = text.indexOf(sep, start);
            if (at < 0 || at + sep.length() > end) continue;
            int pieceStart = start;
            while (at >= 0 && at + sep.length() <= end) {
                int cutAt = at + sep.length();
                cut(text, pieceStart, cutAt, i + 1, out);
                pieceStart = cutAt;
                at = text.indexOf(sep, cutAt);
            }
            cut(text, pieceStart, end, i + 1, out);
            return;
        }
    }
}
