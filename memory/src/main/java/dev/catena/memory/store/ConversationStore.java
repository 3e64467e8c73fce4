package dev.catena.memory.store;

import dev.langchain4j.data.message.ChatMessage;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where conversation turns are kept. An {@link #append} that returns has made the turn durable to
 * the degree the store promises (the file and JDBC stores: on disk). Implementations are thread-safe;
 * callers that need read-modify-write atomicity per conversation hold the memory's conversation lock.
 */
public interface ConversationStore {

    /** All stored messages of a conversation, oldest first; empty for an unknown id. */
    List<ChatMessage> load(String conversationId);

    /** Appends messages to a conversation, creating it if needed. */
    void append(String conversationId, List<? extends ChatMessage> messages);

    /** Replaces a conversation's messages (used to trim or compact). */
    void replace(String conversationId, List<? extends ChatMessage> messages);

    /** Deletes a conversation. */
    void delete(String conversationId);

    /** The ids of the stored conversations. */
    Set<String> conversationIds();

    /** When the conversation was last written, or null if unknown or not tracked. */
    default Instant lastModified(String conversationId) {
        return null;
    }
}
