package dev.catena.memory.summary;

import dev.catena.memory.StoredConversationMemory;
import dev.catena.memory.SystemContext;
import dev.catena.memory.Transcript;
import dev.catena.memory.store.ConversationStore;
import dev.catena.memory.window.ProtocolSafeWindow;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps recent turns verbatim within a token budget and condenses older turns into a running
 * summary written by an LLM. With a budget of zero every turn is summarized ({@link #summaryOnly}).
 * The full history stays in the store; the summary is rebuilt after a restart on first use.
 */
public final class SummaryBufferMemory extends StoredConversationMemory {

    /** The instruction sent to the summarizing model; {summary} and {lines} are filled in. */
    public static final String DEFAULT_PROMPT = """
            Progressively summarize the conversation, adding onto the previous summary and returning a new summary.
            Keep names, numbers, dates and commitments.

            Current summary:
            {summary}

            New lines of conversation:
            {lines}

            New summary:""";

    private final ChatModel summarizer;
    private final int maxTokens;
    private final TokenCountEstimator estimator;
    private final String prompt;
    private final Map<String, Summary> summaries = new ConcurrentHashMap<>();

    private record Summary(int coveredMessages, String text) {}

    public SummaryBufferMemory(ConversationStore store, ChatModel summarizer, int maxTokens,
                               TokenCountEstimator estimator, String prompt) {
        super(store);
        if (maxTokens < 0) throw new IllegalArgumentException("maxTokens must be >= 0, was " + maxTokens);
        this.summarizer = summarizer;
        this.maxTokens = maxTokens;
        this.estimator = estimator;
        this.prompt = prompt;
    }

    public SummaryBufferMemory(ConversationStore store, ChatModel summarizer, int maxTokens, TokenCountEstimator estimator) {
        this(store, summarizer, maxTokens, estimator, DEFAULT_PROMPT);
    }

    /** Summary memory: every turn is condensed into the summary. */
    public static SummaryBufferMemory summaryOnly(ConversationStore store, ChatModel summarizer, TokenCountEstimator estimator) {
        return new SummaryBufferMemory(store, summarizer, 0, estimator);
    }

    /** The current summary of a conversation ("" when nothing is summarized yet). */
    public String summary(String conversationId) {
        return inConversation(conversationId, () -> {
            messages(conversationId);
            Summary s = summaries.get(conversationId);
            return s == null ? "" : s.text();
        });
    }

    @Override
    protected List<ChatMessage> view(String conversationId, List<ChatMessage> history) {
        SystemMessage system = ProtocolSafeWindow.systemMessage(history);
        List<ChatMessage> rest = ProtocolSafeWindow.withoutSystem(history);
        int keepFrom = rest.size();
        if (maxTokens > 0) {
            List<ChatMessage> window = ProtocolSafeWindow.lastTokens(rest, maxTokens, estimator);
            keepFrom = rest.size() - window.size();
        }
        Summary summary = summaries.getOrDefault(conversationId, new Summary(0, ""));
        if (summary.coveredMessages() > rest.size()) summary = new Summary(0, ""); // history was replaced
        if (keepFrom > summary.coveredMessages()) {
            List<ChatMessage> newlyOld = rest.subList(summary.coveredMessages(), keepFrom);
            String text = summarizer.chat(prompt.replace("{summary}", summary.text().isEmpty() ? "(none)" : summary.text())
                    .replace("{lines}", Transcript.render(newlyOld))).trim();
            summary = new Summary(keepFrom, text);
            summaries.put(conversationId, summary);
        }
        List<ChatMessage> out = new ArrayList<>();
        SystemMessage merged = SystemContext.merge(system, summary.text().isEmpty() ? null
                : "Summary of the earlier conversation:\n" + summary.text());
        if (merged != null) out.add(merged);
        int from = Math.max(keepFrom, summary.coveredMessages());
        out.addAll(rest.subList(ProtocolSafeWindow.boundaryAtOrAfter(rest, from), rest.size()));
        return out;
    }

    @Override
    protected void onClear(String conversationId) {
        summaries.remove(conversationId);
    }

}
