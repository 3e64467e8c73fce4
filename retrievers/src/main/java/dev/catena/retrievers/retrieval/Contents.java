package dev.catena.retrievers.retrieval;

import dev.catena.retrievers.loader.MetadataKeys;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.store.embedding.EmbeddingMatch;

import java.util.HashMap;
import java.util.Map;

/** Helpers to build and identify {@link Content} in retrievers. */
public final class Contents {

    private Contents() {
    }

    /** Content for a store match, with its score and embedding id. */
    public static Content of(EmbeddingMatch<TextSegment> match) {
        Map<ContentMetadata, Object> meta = new HashMap<>();
        if (match.score() != null) meta.put(ContentMetadata.SCORE, match.score());
        if (match.embeddingId() != null) meta.put(ContentMetadata.EMBEDDING_ID, match.embeddingId());
        return Content.from(match.embedded(), meta);
    }

    /** The same content with {@code key} set to {@code value}. */
    public static Content with(Content content, ContentMetadata key, Object value) {
        Map<ContentMetadata, Object> meta = new HashMap<>(content.metadata());
        meta.put(key, value);
        return Content.from(content.textSegment(), meta);
    }

    /** The content's score, or NaN when it has none. */
    public static double score(Content content) {
        Object s = content.metadata().get(ContentMetadata.SCORE);
        return s instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /**
     * A key that is equal for the same stored chunk found by different retrievers: its embedding id,
     * else its source, offsets and text.
     */
    public static String key(Content content) {
        Object id = content.metadata().get(ContentMetadata.EMBEDDING_ID);
        if (id != null) return "id:" + id;
        TextSegment s = content.textSegment();
        return "text:" + s.metadata().getString(MetadataKeys.SOURCE) + "|" + s.metadata().getInteger(MetadataKeys.PAGE)
                + "|" + s.metadata().getInteger(MetadataKeys.START_OFFSET) + "|" + s.text();
    }
}
