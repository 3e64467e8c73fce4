package dev.catena.retrievers.postretrieval;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Contextual compression with an LLM: for each passage the model copies out only the sentences
 * that help answer the question, or answers {@value #NONE} when nothing does (the passage is then
 * dropped). The compressed content keeps the passage's metadata.
 */
public final class LlmExtractCompressor implements ContentPostProcessor {

    /** The answer meaning "nothing relevant". */
    public static final String NONE = "NO_OUTPUT";

    private final ChatModel model;

    private LlmExtractCompressor(ChatModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    public static LlmExtractCompressor of(ChatModel model) {
        return new LlmExtractCompressor(model);
    }

    /** The prompt sent to the model for one passage. */
    public String prompt(String question, String passage) {
        return "Copy, word for word, the parts of the passage that help answer the question. Do not add anything. "
                + "If no part helps, answer " + NONE + ".\n\nQuestion: " + question + "\n\nPassage:\n" + passage;
    }

    @Override
    public List<Content> process(Query query, List<Content> contents) {
        List<Content> out = new ArrayList<>();
        for (Content c : contents) {
            String reply = model.chat(prompt(query.text(), c.textSegment().text())).strip();
            if (reply.isEmpty() || reply.equals(NONE)) continue;
            out.add(Content.from(TextSegment.from(reply, c.textSegment().metadata()), c.metadata()));
        }
        return out;
    }
}
