package dev.catena.core.memory;

import dev.langchain4j.data.message.ChatMessage;

import java.util.List;
import java.util.function.Supplier;

/**
 * Conversation history by conversation id, as chains and agents see it. Implementations (module
 * {@code memory}) decide what they keep (all turns, a window, a summary…) but must keep protocol:
 * a system message stays first and a tool result never loses its tool call.
 *
 * <p>Chains call {@link #inConversation} around load-then-save so that concurrent requests on one
 * conversation serialize rather than interleave.
 */
public interface ConversationMemory {

    /** The messages to send to a model for this conversation (possibly condensed). */
    List<ChatMessage> messages(String conversationId);

    /** Appends one turn (e.g. a user message and the AI reply) to the conversation. */
    void add(String conversationId, List<? extends ChatMessage> turn);

    /** Forgets the conversation. */
    void clear(String conversationId);

    /** Runs {@code work} while holding this conversation's lock, so turns on one id never interleave. */
    <T> T inConversation(String conversationId, Supplier<T> work);
}
