package dev.catena.core.prompt;

import dev.langchain4j.data.message.ChatMessage;

import java.util.List;

/** A formatted prompt, ready for a chat model (as messages) or a completion model (as text). */
public interface PromptValue {

    /** The prompt as chat messages. */
    List<ChatMessage> toMessages();

    /** The prompt as plain text. */
    String toText();
}
