package dev.catena.retrievers.splitter;

import dev.catena.retrievers.ingest.ChunkIds;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Cuts documents twice for parent-document retrieval: into large parent chunks, and each parent
 * into small child chunks that carry the parent's id in {@link MetadataKeys#PARENT_ID}. Child
 * offsets are relative to the document, like the parents'. Index the children in a vector store
 * and keep the parents in a {@link dev.catena.retrievers.retrieval.SegmentStore}.
 */
public final class ParentChildSplitter {

    /** Parents by id (in document order) and their children. */
    public record Result(Map<String, TextSegment> parents, List<TextSegment> children) {
    }

    private final ChunkingSplitter parentSplitter;
    private final ChunkingSplitter childSplitter;

    private ParentChildSplitter(ChunkingSplitter parentSplitter, ChunkingSplitter childSplitter) {
        this.parentSplitter = Objects.requireNonNull(parentSplitter, "parentSplitter");
        this.childSplitter = Objects.requireNonNull(childSplitter, "childSplitter");
    }

    public static ParentChildSplitter of(ChunkingSplitter parentSplitter, ChunkingSplitter childSplitter) {
        return new ParentChildSplitter(parentSplitter, childSplitter);
    }

    public Result split(List<Document> documents) {
        Map<String, TextSegment> parents = new LinkedHashMap<>();
        List<TextSegment> children = new ArrayList<>();
        for (Document document : documents) {
            for (TextSegment parent : parentSplitter.split(document)) {
                String parentId = ChunkIds.idOf(ChunkIds.contentHash(parent));
                parents.put(parentId, parent);
                int offset = parent.metadata().getInteger(MetadataKeys.START_OFFSET);
                for (TextSegment child : childSplitter.split(Document.from(parent.text(), parent.metadata().copy()))) {
                    Metadata m = child.metadata().copy()
                            .put(MetadataKeys.START_OFFSET, offset + child.metadata().getInteger(MetadataKeys.START_OFFSET))
                            .put(MetadataKeys.END_OFFSET, offset + child.metadata().getInteger(MetadataKeys.END_OFFSET))
                            .put(MetadataKeys.PARENT_ID, parentId);
                    children.add(TextSegment.from(child.text(), m));
                }
            }
        }
        return new Result(parents, children);
    }
}
