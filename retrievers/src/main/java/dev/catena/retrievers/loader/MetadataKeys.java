package dev.catena.retrievers.loader;

/**
 * Metadata keys that loaders, splitters and the ingestion pipeline put on documents and chunks.
 * Every chunk carries {@link #SOURCE}, {@link #TITLE}, its offsets and index; {@link #PAGE} and
 * {@link #HEADINGS} where the source has pages or headings.
 */
public final class MetadataKeys {

    /** Where the document came from: a file path or a URL. */
    public static final String SOURCE = "source";
    /** The document's title: a Markdown/HTML/PDF title, else the file name. */
    public static final String TITLE = "title";
    /** 1-based page number (PDF). */
    public static final String PAGE = "page";
    /** The heading path above a chunk, outermost first, joined with {@link #HEADING_SEPARATOR}. */
    public static final String HEADINGS = "headings";
    /** MIME type of the source: {@code text/plain}, {@code text/markdown}, {@code text/html}, {@code application/pdf}. */
    public static final String CONTENT_TYPE = "content_type";
    /** Offset (inclusive, in chars) of a chunk's first character in its document's text. */
    public static final String START_OFFSET = "start_offset";
    /** Offset (exclusive, in chars) just after a chunk's last character in its document's text. */
    public static final String END_OFFSET = "end_offset";
    /** 0-based position of a chunk among its document's chunks. */
    public static final String CHUNK_INDEX = "chunk_index";
    /** SHA-256 (hex) of a chunk's identity: source, page, offsets and text. */
    public static final String CONTENT_HASH = "content_hash";
    /** Id of the larger parent chunk a small chunk was cut from. */
    public static final String PARENT_ID = "parent_id";

    /** Separator between the levels of {@link #HEADINGS}. */
    public static final String HEADING_SEPARATOR = " > ";

    private MetadataKeys() {
    }
}
