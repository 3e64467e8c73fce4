package dev.catena.chains.memory;

import dev.catena.chains.ChainInputs;
import dev.catena.core.memory.ConversationMemory;
import dev.catena.core.runnable.Chunks;
import dev.catena.core.runnable.PushStream;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Gives a chain a conversation: loads the history of the conversation into the input (key
 * {@code history}, a list of messages) and, after the chain answers, saves the turn (the user
 * input and the answer's text; for a map output, its {@code answer} entry).
 *
 * <p>The conversation id is the input value {@value #CONVERSATION_ID} or, when the input has none,
 * the run metadata {@value #CONVERSATION_ID}: the same key agents read from run metadata, so one
 * id names a conversation everywhere. Load, run and save happen inside {@link ConversationMemory#inConversation},
 * so turns of one conversation never interleave, also when streaming (the lock is held until the
 * stream ends; a stream closed early saves nothing).
 */
public final class ConversationChain<O> implements Runnable<Map<String, Object>, O> {

    /** Input key (or run metadata key) of the conversation id. */
    public static final String CONVERSATION_ID = "conversationId";
    /** Input key under which the history is passed to the chain. */
    public static final String HISTORY = "history";
    /** Entry of a map output saved as the AI's message (e.g. retrieval QA with sources). */
    public static final String ANSWER = "answer";

    private final Runnable<Map<String, Object>, O> chain;
    private final ConversationMemory memory;
    private final String inputKey;

    private ConversationChain(Runnable<Map<String, Object>, O> chain, ConversationMemory memory, String inputKey) {
        this.chain = Objects.requireNonNull(chain, "chain");
        this.memory = Objects.requireNonNull(memory, "memory");
        this.inputKey = Objects.requireNonNull(inputKey, "inputKey");
    }

    /** Wraps {@code chain}; {@code inputKey} names the input saved as the user's message. */
    public static <O> ConversationChain<O> of(Runnable<Map<String, Object>, O> chain, ConversationMemory memory, String inputKey) {
        return new ConversationChain<>(chain, memory, inputKey);
    }

    @Override
    public String name() {
        return "ConversationChain";
    }

    @Override
    public O doInvoke(Map<String, Object> input, RunContext run) {
        String id = conversationId(input, run);
        String question = ChainInputs.text(ChainInputs.required(input, inputKey, name()));
        RunConfig child = run.child();
        return memory.inConversation(id, () -> {
            O out = chain.invoke(withHistory(input, id), child);
            memory.add(id, turn(question, out));
            return out;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public RunStream<O> doStream(Map<String, Object> input, RunContext run) {
        String id = conversationId(input, run);
        String question = ChainInputs.text(ChainInputs.required(input, inputKey, name()));
        RunConfig child = run.child();
        AtomicReference<RunStream<O>> inner = new AtomicReference<>();
        PushStream<O> out = new PushStream<>(() -> {
            RunStream<O> s = inner.get();
            if (s != null) s.close();
        });
        Thread.ofVirtual().name("catena-conversation-" + id).start(() -> {
            try {
                memory.inConversation(id, () -> {
                    List<O> chunks = new ArrayList<>();
                    try (RunStream<O> s = chain.stream(withHistory(input, id), child)) {
                        inner.set(s);
                        while (!out.isCancelled() && s.hasNext()) {
                            O chunk = s.next();
                            chunks.add(chunk);
                            out.emit(chunk);
                        }
                    }
                    if (!out.isCancelled()) memory.add(id, turn(question, (O) Chunks.merge(chunks)));
                    return null;
                });
                out.complete();
            } catch (Throwable t) {
                if (out.isCancelled()) out.complete(); else out.fail(t);
            }
        });
        return out;
    }

    /** The conversation id from the input, else from run metadata; fails naming both places. */
    private String conversationId(Map<String, Object> input, RunContext run) {
        Object id = input == null ? null : input.get(CONVERSATION_ID);
        if (id == null) id = run.config().metadata().get(CONVERSATION_ID);
        String text = ChainInputs.text(id);
        if (text.isBlank()) {
            throw new IllegalArgumentException(name() + " needs a conversation id: input '" + CONVERSATION_ID
                    + "' or run metadata '" + CONVERSATION_ID + "' (input keys: "
                    + (input == null || input.isEmpty() ? "none" : String.join(", ", new java.util.TreeSet<>(input.keySet()))) + ")");
        }
        return text;
    }

    private Map<String, Object> withHistory(Map<String, Object> input, String id) {
        Map<String, Object> in = new LinkedHashMap<>(input);
        in.put(HISTORY, List.copyOf(memory.messages(id)));
        return in;
    }

    private static List<ChatMessage> turn(String question, Object answer) {
        Object text = answer instanceof Map<?, ?> m && m.containsKey(ANSWER) ? m.get(ANSWER) : answer;
        return List.of(UserMessage.from(question), AiMessage.from(ChainInputs.text(text)));
    }
}
