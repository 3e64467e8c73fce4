package dev.catena.memory;

import dev.catena.core.memory.ConversationMemory;
import dev.langchain4j.data.message.ChatMessage;

import java.util.List;

/** A memory whose messages depend on the incoming question (e.g. turns recalled by similarity). */
public interface QueryAwareMemory extends ConversationMemory {

    /** The messages to send to a model that is about to answer {@code query}. */
    List<ChatMessage> messages(String conversationId, String query);
}
