package dev.catena.samples.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * The subset of an OpenAI chat-completion request this server honours; other fields are ignored.
 *
 * @param model       served model name ({@code quarkus.catena.models.NAME}); the default model when absent
 * @param messages    the conversation
 * @param stream      stream the answer as server-sent events
 * @param temperature sampling temperature
 * @param maxTokens   most tokens to generate
 * @param stop        stop strings (a string or a list)
 * @param tools       tools the model may call ({@code [{type: function, function: {name, description, parameters}}]})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatCompletionRequest(String model, List<Message> messages, Boolean stream, Double temperature,
                                    @JsonProperty("max_tokens") Integer maxTokens, JsonNode stop, JsonNode tools) {

    /**
     * One message; {@code content} is a string or a list of text parts. An assistant message may
     * carry {@code tool_calls}; a {@code tool} message answers the call {@code tool_call_id}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Message(String role, JsonNode content, @JsonProperty("tool_calls") JsonNode toolCalls,
                          @JsonProperty("tool_call_id") String toolCallId, String name) {

        /** The text of the message, joining text parts. */
        public String text() {
            if (content == null || content.isNull()) return "";
            if (content.isTextual()) return content.asText();
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : content) {
                if (part.path("type").asText().equals("text")) sb.append(part.path("text").asText());
            }
            return sb.toString();
        }
    }

    /** The stop strings, whether given as one string or a list. */
    public List<String> stopStrings() {
        if (stop == null || stop.isNull()) return List.of();
        if (stop.isTextual()) return List.of(stop.asText());
        List<String> out = new java.util.ArrayList<>();
        stop.forEach(s -> out.add(s.asText()));
        return out;
    }
}
