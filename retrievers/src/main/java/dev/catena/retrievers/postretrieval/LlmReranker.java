package dev.catena.retrievers.postretrieval;

import dev.catena.retrievers.retrieval.Contents;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Re-ranks with an LLM: the passages are numbered in a prompt and the model answers with the
 * numbers of the relevant ones, most relevant first (e.g. {@code 3, 1}). The {@code topN} listed
 * passages are returned in that order; passages it does not list are dropped (an answer without
 * numbers keeps none). An answer whose numbers are all out of range is an error quoting it.
 */
public final class LlmReranker implements ContentPostProcessor {

    private static final Pattern NUMBER = Pattern.compile("\\d+");

    private final ChatModel model;
    private final int topN;

    private LlmReranker(ChatModel model, int topN) {
        this.model = Objects.requireNonNull(model, "model");
        if (topN <= 0) throw new IllegalArgumentException("topN must be positive, was " + topN);
        this.topN = topN;
    }

    public static LlmReranker of(ChatModel model, int topN) {
        return new LlmReranker(model, topN);
    }

    /** The prompt sent to the model. */
    public String prompt(String question, List<Content> contents) {
        StringBuilder sb = new StringBuilder("Rank the passages below by how well they answer the question.\n"
                + "Answer only with the numbers of the relevant passages, most relevant first, separated by commas. "
                + "Leave out passages that do not help.\n\nQuestion: " + question + "\n\n");
        for (int i = 0; i < contents.size(); i++) {
            sb.append('[').append(i + 1).append("] ").append(contents.get(i).textSegment().text()).append("\n\n");
        }
        return sb.toString();
    }

    @Override
    public List<Content> process(Query query, List<Content> contents) {
        if (contents.isEmpty()) return List.of();
        String reply = model.chat(prompt(query.text(), contents));
        Set<Integer> order = new LinkedHashSet<>();
        Matcher m = NUMBER.matcher(reply);
        while (m.find()) {
            int n = Integer.parseInt(m.group());
            if (n >= 1 && n <= contents.size()) order.add(n - 1);
        }
        if (order.isEmpty() && !reply.isBlank() && NUMBER.matcher(reply).find()) {
            throw new IllegalStateException("LLM re-ranker named no passage between 1 and " + contents.size()
                    + ": '" + reply + "'");
        }
        List<Content> out = new ArrayList<>();
        int rank = 0;
        for (int i : order) {
            if (out.size() == topN) break;
            out.add(Contents.with(contents.get(i), ContentMetadata.RERANKED_SCORE, (double) (order.size() - rank++)));
        }
        return out;
    }
}
