package dev.catena.retrievers.retrieval;

import dev.catena.core.retrieval.Retriever;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parent-document retrieval: searches small chunks (precise matches) and returns the larger parent
 * chunks they were cut from (enough context), in the order of their best child, each parent once.
 * Children carry their parent's id in {@link MetadataKeys#PARENT_ID}; parents live in a
 * {@link SegmentStore}. Build both with {@link dev.catena.retrievers.splitter.ParentChildSplitter}.
 */
public final class ParentDocumentRetriever implements Retriever {

    private final Retriever childRetriever;
    private final SegmentStore parents;
    private final int maxResults;

    private ParentDocumentRetriever(Retriever childRetriever, SegmentStore parents, int maxResults) {
        this.childRetriever = Objects.requireNonNull(childRetriever, "childRetriever");
        this.parents = Objects.requireNonNull(parents, "parents");
        if (maxResults <= 0) throw new IllegalArgumentException("maxResults must be positive, was " + maxResults);
        this.maxResults = maxResults;
    }

    /** Returns at most {@code maxResults} parents; give the child retriever a larger limit to fill them. */
    public static ParentDocumentRetriever of(Retriever childRetriever, SegmentStore parents, int maxResults) {
        return new ParentDocumentRetriever(childRetriever, parents, maxResults);
    }

    @Override
    public List<Content> retrieve(Query query) {
        return parentsOf(childRetriever.retrieve(query));
    }

    /** Runs the child retriever as a child run of {@code run}. */
    @Override
    public List<Content> doInvoke(Query query, RunContext run) {
        return parentsOf(childRetriever.invoke(query, run.child()));
    }

    private List<Content> parentsOf(List<Content> children) {
        Set<String> order = new LinkedHashSet<>();
        Map<String, Object> bestScore = new HashMap<>();
        for (Content child : children) {
            TextSegment s = child.textSegment();
            String parentId = s.metadata().getString(MetadataKeys.PARENT_ID);
            if (parentId == null) {
                throw new IllegalStateException("retrieved chunk has no '" + MetadataKeys.PARENT_ID
                        + "' metadata (source " + s.metadata().getString(MetadataKeys.SOURCE)
                        + "): index the children made by ParentChildSplitter");
            }
            if (order.add(parentId)) {
                Object score = child.metadata().get(ContentMetadata.SCORE);
                if (score != null) bestScore.put(parentId, score);
            }
        }
        List<Content> out = new ArrayList<>();
        for (String id : order) {
            if (out.size() == maxResults) break;
            TextSegment parent = parents.get(id).orElseThrow(() -> new IllegalStateException(
                    "parent chunk '" + id + "' is not in the parent store"));
            Map<ContentMetadata, Object> meta = new HashMap<>();
            meta.put(ContentMetadata.EMBEDDING_ID, id);
            if (bestScore.containsKey(id)) meta.put(ContentMetadata.SCORE, bestScore.get(id));
            out.add(Content.from(parent, meta));
        }
        return out;
    }
}
