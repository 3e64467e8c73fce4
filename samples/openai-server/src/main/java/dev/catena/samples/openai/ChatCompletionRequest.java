package dev.catena.samples.openai;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * An OpenAI chat-completion request; a parameter not listed here is refused (see {@link RequestBodies}).
 *
 * @param model               served model name ({@code quarkus.catena.models.NAME}); the default model when absent
 * @param messages            the conversation
 * @param stream              stream the answer as server-sent events
 * @param streamOptions       {@code {"include_usage": true}} adds a last chunk with the usage
 * @param temperature         sampling temperature (0 to 2)
 * @param topP                nucleus sampling (0 to 1)
 * @param n                   how many choices to generate
 * @param maxTokens           most tokens to generate
 * @param maxCompletionTokens the newer name of {@code max_tokens}
 * @param stop                stop strings (a string or a list)
 * @param tools               tools the model may call ({@code [{type: function, function: {name, description, parameters}}]})
 * @param toolChoice          {@code auto}, {@code none}, {@code required} (others are refused)
 * @param responseFormat      {@code text}, {@code json_object} or {@code json_schema}, enforced by constrained decoding
 * @param seed                accepted; generations are reproducible at temperature 0
 * @param logprobs            per-token log probabilities (refused: the runtime does not expose them yet)
 * @param topLogprobs         alternatives per token with {@code logprobs}
 * @param presencePenalty     presence penalty (-2 to 2)
 * @param frequencyPenalty    frequency penalty (-2 to 2)
 * @param user                an end-user id (accepted, unused)
 * @param parallelToolCalls   accepted; several calls may be returned
 */
public record ChatCompletionRequest(String model, List<Message> messages, Boolean stream,
                                    @JsonProperty("stream_options") StreamOptions streamOptions,
                                    Double temperature, @JsonProperty("top_p") Double topP, Integer n,
                                    @JsonProperty("max_tokens") Integer maxTokens,
                                    @JsonProperty("max_completion_tokens") Integer maxCompletionTokens,
                                    JsonNode stop, JsonNode tools, @JsonProperty("tool_choice") JsonNode toolChoice,
                                    @JsonProperty("response_format") JsonNode responseFormat, Long seed, Boolean logprobs,
                                    @JsonProperty("top_logprobs") Integer topLogprobs,
                                    @JsonProperty("presence_penalty") Double presencePenalty,
                                    @JsonProperty("frequency_penalty") Double frequencyPenalty, String user,
                                    @JsonProperty("parallel_tool_calls") Boolean parallelToolCalls) implements ModelRequest {

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

    /** @param includeUsage send a last chunk with the usage and no choices */
    public record StreamOptions(@JsonProperty("include_usage") Boolean includeUsage) {
        boolean usage() {
            return Boolean.TRUE.equals(includeUsage);
        }
    }

    /** Refuses values OpenAI refuses, naming the parameter; {@code maxChoices} bounds {@code n}. */
    @Override
    public void validate(int maxChoices) {
        if (messages == null || messages.isEmpty()) {
            throw OpenAiErrors.invalid("messages", "'messages' must contain at least one message", "invalid_value");
        }
        SamplingFields.validate(temperature, topP, n, maxChoices, presencePenalty, frequencyPenalty);
        RequestBodies.atLeast("max_tokens", maxTokens, 1);
        RequestBodies.atLeast("max_completion_tokens", maxCompletionTokens, 1);
        if (Boolean.TRUE.equals(logprobs) || topLogprobs != null) {
            throw OpenAiErrors.invalid(Boolean.TRUE.equals(logprobs) ? "logprobs" : "top_logprobs",
                    "'logprobs' is not supported by this server: the local runtime does not report token probabilities",
                    "unsupported_parameter");
        }
        if (streamOptions != null && !Boolean.TRUE.equals(stream)) {
            throw OpenAiErrors.invalid("stream_options", "'stream_options' is only allowed when 'stream' is true", "invalid_value");
        }
    }

    /** The most tokens to generate, from either name, or {@code null}. */
    Integer tokenLimit() {
        return maxCompletionTokens != null ? maxCompletionTokens : maxTokens;
    }

    int choices() {
        return n == null ? 1 : n;
    }

    boolean includeUsage() {
        return streamOptions != null && streamOptions.usage();
    }

    /** The stop strings, whether given as one string or a list. */
    public List<String> stopStrings() {
        return SamplingFields.stopStrings(stop);
    }
}
