package dev.catena.agents;

import dev.catena.core.runnable.RunContext;

/** Where agents with conversation memory find the conversation id: run metadata {@value #CONVERSATION_ID}. */
public final class AgentMemory {

    /** The run metadata key holding the conversation id. */
    public static final String CONVERSATION_ID = "conversationId";

    /** The id used when the run metadata names none. */
    public static final String DEFAULT_CONVERSATION = "default";

    private AgentMemory() {}

    /** The conversation id of {@code run}, or {@value #DEFAULT_CONVERSATION}. */
    public static String conversationId(RunContext run) {
        Object id = run.config().metadata().get(CONVERSATION_ID);
        return id == null ? DEFAULT_CONVERSATION : id.toString();
    }
}
