package dev.catena.samples.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/chat/stream} ({@code {"conversationId": …, "message": …}}): server-sent events sent
 * by Quarkus REST from a {@link Multi}: one {@code token} event per piece of text as it is generated,
 * then a {@code reply} event with the complete {@link BotReply} (intent, sources, hand-off ticket), or
 * an {@code error} event. The bot runs on a worker thread; a client that goes away stops the answer
 * at its next token.
 */
@Path("/api/chat/stream")
public class ChatStreamResource {

    private static final Logger LOG = Logger.getLogger(ChatStreamResource.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    /** The request body. */
    public record ChatRequest(String conversationId, String message) {}

    @Inject
    SupportBot bot;

    @Context
    Sse sse;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> stream(ChatRequest request) {
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> {
            try {
                if (request == null) throw new BadChatRequest("the body must be JSON like {\"conversationId\": \"c1\", \"message\": \"hello\"}");
                BotReply reply = bot.reply(request.conversationId(), request.message(), token -> {
                    if (emitter.isCancelled()) throw new IllegalStateException("client disconnected");
                    emitter.emit(event("token", JSON.createObjectNode().put("text", token)));
                });
                emitter.emit(event("reply", JSON.valueToTree(reply)));
            } catch (BadChatRequest e) {
                emitter.emit(event("error", JSON.createObjectNode().put("error", e.getMessage())));
            } catch (RuntimeException e) {
                if (emitter.isCancelled()) return;
                LOG.error("Streaming chat request failed", e);
                emitter.emit(event("error", JSON.createObjectNode().put("error", "the assistant failed: " + e.getMessage())));
            }
            emitter.complete();
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private OutboundSseEvent event(String name, JsonNode data) {
        return sse.newEventBuilder().name(name).data(data.toString()).build();
    }
}
