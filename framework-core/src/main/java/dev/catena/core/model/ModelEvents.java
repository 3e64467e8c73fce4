package dev.catena.core.model;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

/**
 * Custom run events a model step reports through {@code CallbackHandler.onEvent}, so tracing
 * handlers can record the request parameters, token usage and finish reason of each model call.
 */
public final class ModelEvents {
    private ModelEvents() {}

    /** Event name of a {@link Request}. */
    public static final String REQUEST = "model.request";

    /** Event name of a {@link Response}. */
    public static final String RESPONSE = "model.response";

    /**
     * A model call is about to be made.
     *
     * @param provider the provider name (e.g. {@code openai}, {@code other})
     * @param request  the request sent
     */
    public record Request(String provider, ChatRequest request) {}

    /** A model call completed with {@code response}. */
    public record Response(ChatResponse response) {}
}
