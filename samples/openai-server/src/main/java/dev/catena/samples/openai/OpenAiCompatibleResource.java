package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catena.quarkus.runtime.CatenaRuntime;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.ArrayList;
import java.util.List;

/**
 * The OpenAI-compatible model list and embeddings ({@code GET /v1/models}, {@code POST /v1/embeddings});
 * chat completions are served by {@link ChatCompletionsRoute}.
 */
@Path("/v1")
public class OpenAiCompatibleResource {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    CatenaRuntime catena;

    @Inject
    EmbeddingModel embeddings;

    @GET
    @Path("/models")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode models() {
        ObjectNode out = JSON.createObjectNode().put("object", "list");
        ArrayNode data = out.putArray("data");
        for (String name : catena.names()) {
            if (catena.configured(name) instanceof ChatModel || catena.configured(name) instanceof StreamingChatModel) {
                data.addObject().put("id", name).put("object", "model").put("owned_by", "catena");
            }
        }
        return out;
    }

    @POST
    @Path("/embeddings")
    @Produces(MediaType.APPLICATION_JSON)
    public ObjectNode embed(JsonNode request) {
        JsonNode input = request == null ? null : request.get("input");
        List<String> texts = new ArrayList<>();
        if (input != null && input.isTextual()) texts.add(input.asText());
        else if (input != null && input.isArray()) input.forEach(t -> texts.add(t.asText()));
        if (texts.isEmpty()) throw error("'input' must be a string or a non-empty array of strings");
        List<Embedding> vectors = embeddings.embedAll(texts.stream().map(TextSegment::from).toList()).content();
        ObjectNode out = JSON.createObjectNode().put("object", "list").put("model", "all-minilm-l6-v2");
        ArrayNode data = out.putArray("data");
        for (int i = 0; i < vectors.size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            ArrayNode values = item.putArray("embedding");
            for (float f : vectors.get(i).vector()) values.add(f);
        }
        int tokens = texts.stream().mapToInt(t -> t.split("\\s+").length).sum();
        out.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        return out;
    }

    private static BadRequestException error(String message) {
        return new BadRequestException(jakarta.ws.rs.core.Response.status(400).entity(OpenAiErrors.body(message))
                .type(MediaType.APPLICATION_JSON).build());
    }
}
