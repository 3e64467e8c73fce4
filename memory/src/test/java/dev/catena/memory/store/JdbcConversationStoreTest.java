package dev.catena.memory.store;

import java.nio.file.Path;

class JdbcConversationStoreTest extends ConversationStoreContract {
    @Override ConversationStore open(Path dir) { return JdbcConversationStore.h2(dir.resolve("db")); }
}
