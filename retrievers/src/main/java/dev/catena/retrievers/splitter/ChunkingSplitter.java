package dev.catena.retrievers.splitter;

import dev.catena.retrievers.loader.MetadataKeys;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;

import java.util.ArrayList;
import java.util.List;

/**
 * Base of the Catena splitters: a subclass finds chunk spans in the text; this class turns them
 * into segments whose text is exactly {@code text.substring(start, end)} (whitespace trimmed at
 * the edges), copying the document's metadata and adding {@link MetadataKeys#START_OFFSET},
 * {@link MetadataKeys#END_OFFSET}, {@link MetadataKeys#CHUNK_INDEX} and, for Markdown and HTML
 * sources, the {@link MetadataKeys#HEADINGS} in force where the chunk starts.
 */
public abstract class ChunkingSplitter implements DocumentSplitter {

    /** Finds the chunk spans of {@code text}, in order. */
    protected abstract List<Span> chunkSpans(String text);

    @Override
    public final List<TextSegment> split(Document document) {
        String text = document.text();
        String type = document.metadata().getString(MetadataKeys.CONTENT_TYPE);
        MarkdownHeadings headings = "text/markdown".equals(type) || "text/html".equals(type)
                ? MarkdownHeadings.of(text) : null;
        List<TextSegment> segments = new ArrayList<>();
        int lastStart = -1;
        int lastEnd = -1;
        for (Span span : chunkSpans(text)) {
            int start = span.start();
            int end = span.end();
            while (start < end && Character.isWhitespace(text.charAt(start))) start++;
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) end--;
            if (start == end || (start == lastStart && end == lastEnd)) continue;
            lastStart = start;
            lastEnd = end;
            Metadata metadata = document.metadata().copy()
                    .put(MetadataKeys.START_OFFSET, start)
                    .put(MetadataKeys.END_OFFSET, end)
                    .put(MetadataKeys.CHUNK_INDEX, segments.size());
            if (headings != null) {
                String path = headings.pathAt(start);
                if (!path.isEmpty()) metadata.put(MetadataKeys.HEADINGS, path);
            }
            segments.add(TextSegment.from(text.substring(start, end), metadata));
        }
        return segments;
    }
}
