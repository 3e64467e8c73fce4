package dev.catena.chains.retrieval;

import dev.catena.chains.ChainInputs;
import dev.catena.chains.memory.ConversationChain;
import dev.catena.core.memory.ConversationMemory;
import dev.catena.core.retrieval.Retriever;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.catena.chains.documents.StuffDocumentsChain;
import dev.catena.core.runnable.Chunks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Retrieval QA inside a conversation. With history, the condense chain first rewrites the
 * follow-up {@code question} into a standalone question (variables {@code question} and
 * {@code chat_history}, the history as text); that is what the retriever searches for. The
 * documents chain then answers (variables {@code question}, {@code standalone_question},
 * {@code documents}, {@code history}). History is loaded and the turn saved atomically per
 * conversation id ({@link ConversationChain#CONVERSATION_ID}) through {@link ConversationChain}.
 * Streams the answer. With {@link #withSources()} the output is a map of {@code answer} and
 * {@code sources}, as for {@link RetrievalQaChain#withSources()}; the answer's text is saved.
 */
public final class ConversationalRetrievalChain implements Runnable<Map<String, Object>, Object> {

    /** Variable with the history as text. */
    public static final String CHAT_HISTORY = "chat_history";
    /** Variable with the rewritten question. */
    public static final String STANDALONE_QUESTION = "standalone_question";

    private final Retriever retriever;
    private final Runnable<Map<String, Object>, ?> condense;
    private final Runnable<Map<String, Object>, ?> combine;
    private final ConversationMemory memory;
    private final ConversationChain<Object> conversation;

    private ConversationalRetrievalChain(Retriever retriever, Runnable<Map<String, Object>, ?> condense,
                                         Runnable<Map<String, Object>, ?> combine, ConversationMemory memory,
                                         boolean returnSources) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        this.condense = Objects.requireNonNull(condense, "condense");
        this.combine = Objects.requireNonNull(combine, "combine");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.conversation = ConversationChain.of(new Inner(retriever, condense, combine, returnSources), memory, RetrievalQaChain.QUESTION);
    }

    /** Condenses with {@code condense}, retrieves with {@code retriever}, answers with {@code combine}, remembers in {@code memory}. */
    public static ConversationalRetrievalChain of(Retriever retriever, Runnable<Map<String, Object>, ?> condense,
                                                  Runnable<Map<String, Object>, ?> combine, ConversationMemory memory) {
        return new ConversationalRetrievalChain(retriever, condense, combine, memory, false);
    }

    /** The same chain returning {@code {answer, sources}}. */
    public ConversationalRetrievalChain withSources() {
        return new ConversationalRetrievalChain(retriever, condense, combine, memory, true);
    }

    @Override
    public String name() {
        return "ConversationalRetrievalChain";
    }

    @Override
    public Object doInvoke(Map<String, Object> input, RunContext run) {
        return conversation.invoke(input, run.child());
    }

    @Override
    public RunStream<Object> doStream(Map<String, Object> input, RunContext run) {
        return conversation.stream(input, run.child());
    }

    /** Condense, retrieve, answer; runs with the history already in the input. */
    private record Inner(Retriever retriever, Runnable<Map<String, Object>, ?> condense,
                         Runnable<Map<String, Object>, ?> combine, boolean returnSources)
            implements Runnable<Map<String, Object>, Object> {

        @Override
        public String name() {
            return "ConversationalRetrieval";
        }

        @Override
        public Object doInvoke(Map<String, Object> input, RunContext run) {
            Map<String, Object> vars = vars(input, run);
            Object answer = combine.invoke(vars, run.child());
            return returnSources ? RetrievalQaChain.withSources(ChainInputs.text(answer), sources(vars)) : answer;
        }

        @Override
        @SuppressWarnings("unchecked")
        public RunStream<Object> doStream(Map<String, Object> input, RunContext run) {
            Map<String, Object> vars = vars(input, run);
            RunStream<Object> answer = (RunStream<Object>) combine.stream(vars, run.child());
            if (!returnSources) return answer;
            List<Object> chunks = new java.util.ArrayList<>();
            List<Content> sources = sources(vars);
            return answer.map(chunk -> {
                chunks.add(chunk);
                return RetrievalQaChain.withSources(ChainInputs.text(Chunks.merge(chunks)), sources);
            });
        }

        @SuppressWarnings("unchecked")
        private static List<Content> sources(Map<String, Object> vars) {
            return (List<Content>) vars.get(StuffDocumentsChain.DOCUMENTS);
        }

        private Map<String, Object> vars(Map<String, Object> input, RunContext run) {
            String question = ChainInputs.text(ChainInputs.required(input, RetrievalQaChain.QUESTION, name()));
            @SuppressWarnings("unchecked")
            List<ChatMessage> history = (List<ChatMessage>) input.getOrDefault(ConversationChain.HISTORY, List.of());
            String standalone = question;
            if (!history.isEmpty()) {
                Map<String, Object> c = new LinkedHashMap<>(input);
                c.put(CHAT_HISTORY, historyText(history));
                standalone = ChainInputs.text(condense.invoke(c, run.child())).strip();
            }
            Map<String, Object> vars = new LinkedHashMap<>(input);
            vars.put(STANDALONE_QUESTION, standalone);
            vars.put(CHAT_HISTORY, historyText(history));
            vars.put(StuffDocumentsChain.DOCUMENTS, List.copyOf(retriever.invoke(Query.from(standalone), run.child())));
            return vars;
        }

        static String historyText(List<ChatMessage> history) {
            StringBuilder sb = new StringBuilder();
            for (ChatMessage m : history) {
                switch (m) {
                    case UserMessage u -> sb.append("Human: ").append(u.singleText()).append('\n');
                    case AiMessage a -> sb.append("AI: ").append(a.text()).append('\n');
                    default -> { }
                }
            }
            return sb.toString().strip();
        }
    }
}
