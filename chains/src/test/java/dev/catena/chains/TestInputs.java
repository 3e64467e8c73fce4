package dev.catena.chains;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers for chain tests. */
public final class TestInputs {
    private TestInputs() {}

    /** A mutable input map from alternating keys and values. */
    public static Map<String, Object> in(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** Waits (up to 10 s) until {@code condition} holds; fails with {@code what} otherwise. */
    public static void eventually(String what, java.util.function.BooleanSupplier condition) {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) throw new AssertionError("timed out waiting until " + what);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what);
            }
        }
    }

    /** The text of the last user message of a request. */
    public static String prompt(ChatRequest request) {
        return prompt(request.messages());
    }

    /** The text of the last user message. */
    public static String prompt(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof UserMessage u) return u.singleText();
        }
        throw new AssertionError("no user message in " + messages);
    }
}
