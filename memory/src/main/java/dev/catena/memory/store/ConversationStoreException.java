package dev.catena.memory.store;

/** A store could not read or write a conversation; the message names the store and the conversation. */
public class ConversationStoreException extends RuntimeException {
    public ConversationStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public ConversationStoreException(String message) {
        super(message);
    }
}
