package dev.catena.memory;

import dev.langchain4j.data.message.SystemMessage;

/** Adds context (a summary, known facts, recalled turns) to the single system message chat templates allow. */
public final class SystemContext {
    private SystemContext() {}

    /** The conversation's own system message followed by {@code context}; either may be null. */
    public static SystemMessage merge(SystemMessage system, String context) {
        if (context == null || context.isBlank()) return system;
        if (system == null) return SystemMessage.from(context);
        return SystemMessage.from(system.text() + "\n\n" + context);
    }
}
