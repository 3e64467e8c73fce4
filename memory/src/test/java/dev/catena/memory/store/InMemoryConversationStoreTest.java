package dev.catena.memory.store;

import java.nio.file.Path;

class InMemoryConversationStoreTest extends ConversationStoreContract {
    @Override ConversationStore open(Path dir) { return new InMemoryConversationStore(); }

    @Override boolean persistent() { return false; }
}
