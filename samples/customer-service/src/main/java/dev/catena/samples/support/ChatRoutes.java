package dev.catena.samples.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The chat API: {@code POST /api/chat} ({@code {"conversationId": …, "message": …}}) answers with
 * the whole reply as JSON ({@link ChatStreamResource} streams it as server-sent events);
 * {@code GET /api/handoffs} lists the open hand-offs.
 */
@ApplicationScoped
public class ChatRoutes {

    private static final Logger LOG = Logger.getLogger(ChatRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    @Inject
    SupportBot bot;

    @Inject
    HandoffDesk desk;

    void register(@Observes Router router) {
        router.post("/api/chat").handler(BodyHandler.create().setBodyLimit(64 * 1024)).blockingHandler(this::chat, false);
        router.get("/api/handoffs").blockingHandler(rc -> json(rc.response(), 200, JSON.valueToTree(desk.open())), false);
    }

    private record ChatRequest(String conversationId, String message) {}

    private static ChatRequest parse(RoutingContext rc) {
        try {
            JsonNode body = JSON.readTree(rc.body().asString());
            return new ChatRequest(body.path("conversationId").asText(null), body.path("message").asText(null));
        } catch (Exception e) {
            throw new BadChatRequest("the body must be JSON like {\"conversationId\": \"c1\", \"message\": \"hello\"}");
        }
    }

    private void chat(RoutingContext rc) {
        try {
            ChatRequest req = parse(rc);
            json(rc.response(), 200, JSON.valueToTree(bot.reply(req.conversationId(), req.message())));
        } catch (BadChatRequest e) {
            json(rc.response(), 400, JSON.createObjectNode().put("error", e.getMessage()));
        } catch (RuntimeException e) {
            LOG.error("Chat request failed", e);
            json(rc.response(), 500, JSON.createObjectNode().put("error", "the assistant failed: " + e.getMessage()));
        }
    }

    private static void json(HttpServerResponse http, int status, JsonNode body) {
        http.setStatusCode(status).putHeader("Content-Type", "application/json").end(body.toString());
    }
}
