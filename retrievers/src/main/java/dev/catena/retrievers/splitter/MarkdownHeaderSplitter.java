package dev.catena.retrievers.splitter;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Markdown at its headings so that no chunk spans two sections; a section longer than
 * {@code maxChars} is split further with {@link RecursiveCharacterSplitter} (overlap applies only
 * inside a section). Every chunk's {@code headings} metadata holds its section's heading path,
 * e.g. {@code Install > Linux} (set for documents whose content type is Markdown or HTML).
 */
public final class MarkdownHeaderSplitter extends ChunkingSplitter {

    private final RecursiveCharacterSplitter inner;
    private final int maxChars;
    private final int overlapChars;

    private MarkdownHeaderSplitter(int maxChars, int overlapChars) {
        this.inner = RecursiveCharacterSplitter.of(maxChars, overlapChars);
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    public static MarkdownHeaderSplitter of(int maxChars, int overlapChars) {
        return new MarkdownHeaderSplitter(maxChars, overlapChars);
    }

    @Override
    protected List<Span> chunkSpans(String text) {
        List<Integer> bounds = new ArrayList<>();
        bounds.add(0);
        for (MarkdownHeadings.Heading h : MarkdownHeadings.of(text).all()) {
            if (h.offset() > 0) bounds.add(h.offset());
        }
        bounds.add(text.length());
        List<Span> chunks = new ArrayList<>();
        for (int i = 0; i + 1 < bounds.size(); i++) {
            int start = bounds.get(i);
            int end = bounds.get(i + 1);
            if (text.substring(start, end).isBlank()) continue;
            chunks.addAll(SpanMerger.merge(inner.pieces(text, start, end), maxChars, overlapChars));
        }
        return chunks;
    }
}
