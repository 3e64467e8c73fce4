package dev.catena.memory.entity;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.memory.StoredConversationMemory;
import dev.catena.memory.SystemContext;
import dev.catena.memory.Transcript;
import dev.catena.memory.store.ConversationStore;
import dev.catena.memory.window.ProtocolSafeWindow;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.ChatModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps facts about named entities up to date: after each turn an LLM returns the changed facts as
 * a JSON object ({@code {"Alice": "lives in Oslo"}}), which replace older facts of the same entity.
 * The facts go into the system message; the newest {@code recentMessages} follow verbatim.
 * Facts are kept in memory per conversation and rebuilt from the stored history after a restart.
 */
public final class EntityMemory extends StoredConversationMemory {

    private static final Logger LOG = LoggerFactory.getLogger(EntityMemory.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The extraction instruction; {entities} and {turn} are filled in. */
    public static final String DEFAULT_PROMPT = """
            You keep facts about the people, places, organisations and things in a conversation.
            Known facts (JSON object, entity -> fact):
            {entities}

            Latest exchange:
            {turn}

            Return ONLY a JSON object with the entities whose facts are new or changed by the latest exchange,
            each mapped to the complete, updated fact. Return {} if nothing changed.""";

    private final ChatModel extractor;
    private final int recentMessages;
    private final Map<String, Map<String, String>> facts = new ConcurrentHashMap<>();

    public EntityMemory(ConversationStore store, ChatModel extractor, int recentMessages) {
        super(store);
        if (recentMessages < 1) throw new IllegalArgumentException("recentMessages must be at least 1, was " + recentMessages);
        this.extractor = extractor;
        this.recentMessages = recentMessages;
    }

    /** The known facts of a conversation, by entity name. */
    public Map<String, String> entities(String conversationId) {
        return inConversation(conversationId, () -> Map.copyOf(factsOf(conversationId)));
    }

    @Override
    protected List<ChatMessage> view(String conversationId, List<ChatMessage> history) {
        List<ChatMessage> recent = ProtocolSafeWindow.lastMessages(history, recentMessages);
        Map<String, String> known = factsOf(conversationId);
        if (known.isEmpty()) return recent;
        StringBuilder context = new StringBuilder("Known facts:");
        known.forEach((k, v) -> context.append("\n- ").append(k).append(": ").append(v));
        List<ChatMessage> out = new ArrayList<>();
        out.add(SystemContext.merge(ProtocolSafeWindow.systemMessage(recent), context.toString()));
        out.addAll(ProtocolSafeWindow.withoutSystem(recent));
        return out;
    }

    @Override
    protected void afterAdd(String conversationId, List<? extends ChatMessage> turn, List<ChatMessage> history) {
        Map<String, String> known = facts.get(conversationId);
        if (known == null) {
            factsOf(conversationId); // rebuilds from the stored history, which already holds this turn
        } else {
            update(known, turn);
        }
    }

    @Override
    protected void onClear(String conversationId) {
        facts.remove(conversationId);
    }

    private Map<String, String> factsOf(String conversationId) {
        return facts.computeIfAbsent(conversationId, id -> {
            Map<String, String> rebuilt = new TreeMap<>();
            List<ChatMessage> history = ProtocolSafeWindow.withoutSystem(store().load(id));
            int start = 0;
            for (int i = 1; i <= history.size(); i++) {
                if (i == history.size() || ProtocolSafeWindow.boundaryAtOrAfter(history, i) == i) {
                    update(rebuilt, history.subList(start, i));
                    start = i;
                }
            }
            return rebuilt;
        });
    }

    private void update(Map<String, String> known, List<? extends ChatMessage> turn) {
        String text = Transcript.render(turn);
        if (text.isBlank()) return;
        String reply;
        try {
            reply = extractor.chat(DEFAULT_PROMPT.replace("{entities}", JSON.writeValueAsString(known)).replace("{turn}", text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        String json = reply.strip();
        int open = json.indexOf('{');
        int close = json.lastIndexOf('}');
        if (open < 0 || close < open) {
            LOG.warn("Entity extraction returned no JSON object; facts unchanged. Reply started: {}",
                    json.substring(0, Math.min(80, json.length())));
            return;
        }
        try {
            Map<String, Object> changed = JSON.readValue(json.substring(open, close + 1), new TypeReference<>() {});
            changed.forEach((k, v) -> {
                if (k != null && !k.isBlank() && v != null) known.put(k.strip(), String.valueOf(v).strip());
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warn("Entity extraction returned malformed JSON; facts unchanged: {}", e.getOriginalMessage());
        }
    }
}
