package dev.catena.samples.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A legacy {@code /v1/completions} request; a parameter not listed here is refused (see {@link RequestBodies}).
 *
 * @param model            served model name; the default model when absent
 * @param prompt           a string or a list of strings (token arrays are refused)
 * @param maxTokens        most tokens to generate (OpenAI's default: 16)
 * @param temperature      sampling temperature (0 to 2)
 * @param topP             nucleus sampling (0 to 1)
 * @param n                choices per prompt
 * @param stream           stream as server-sent events
 * @param streamOptions    {@code {"include_usage": true}} adds a last chunk with the usage
 * @param stop             stop strings
 * @param echo             put the prompt before the generated text
 * @param seed             sampling seed
 * @param presencePenalty  presence penalty (-2 to 2)
 * @param frequencyPenalty frequency penalty (-2 to 2)
 * @param user             an end-user id (accepted, unused)
 * @param logprobs         refused when above 0: the runtime does not report token probabilities
 * @param suffix           refused: no insertion mode
 * @param bestOf           only 1 (or equal to {@code n}) is accepted
 */
public record CompletionRequest(String model, JsonNode prompt, @JsonProperty("max_tokens") Integer maxTokens, Double temperature,
                                @JsonProperty("top_p") Double topP, Integer n, Boolean stream,
                                @JsonProperty("stream_options") ChatCompletionRequest.StreamOptions streamOptions, JsonNode stop,
                                Boolean echo, Long seed, @JsonProperty("presence_penalty") Double presencePenalty,
                                @JsonProperty("frequency_penalty") Double frequencyPenalty, String user, Integer logprobs,
                                String suffix, @JsonProperty("best_of") Integer bestOf) implements ModelRequest {

    /** OpenAI's default {@code max_tokens} for legacy completions. */
    static final int DEFAULT_MAX_TOKENS = 16;

    /** Refuses values OpenAI refuses (or this server cannot honour), naming the parameter. */
    @Override
    public void validate(int maxChoices) {
        prompts();
        SamplingFields.validate(temperature, topP, n, maxChoices, presencePenalty, frequencyPenalty);
        RequestBodies.atLeast("max_tokens", maxTokens, 1);
        if (logprobs != null && logprobs > 0) {
            throw OpenAiErrors.invalid("logprobs", "'logprobs' is not supported by this server: the local runtime does not report token probabilities",
                    "unsupported_parameter");
        }
        if (suffix != null && !suffix.isEmpty()) {
            throw OpenAiErrors.invalid("suffix", "'suffix' is not supported by this server", "unsupported_parameter");
        }
        if (bestOf != null && bestOf != choices()) {
            throw OpenAiErrors.invalid("best_of", "'best_of' must equal 'n' on this server (no ranking of candidates)", "unsupported_parameter");
        }
        if (streamOptions != null && !Boolean.TRUE.equals(stream)) {
            throw OpenAiErrors.invalid("stream_options", "'stream_options' is only allowed when 'stream' is true", "invalid_value");
        }
    }

    /** The prompts: one string or a non-empty list of strings. */
    List<String> prompts() {
        if (prompt != null && prompt.isTextual()) return List.of(prompt.asText());
        List<String> out = new ArrayList<>();
        if (prompt != null && prompt.isArray()) {
            for (JsonNode p : prompt) {
                if (!p.isTextual()) break;
                out.add(p.asText());
            }
            if (!out.isEmpty() && out.size() == prompt.size()) return out;
        }
        throw OpenAiErrors.invalid("prompt", "'prompt' must be a string or a non-empty list of strings (token arrays are not supported)", "invalid_value");
    }

    int choices() {
        return n == null ? 1 : n;
    }

    int tokenLimit() {
        return maxTokens == null ? DEFAULT_MAX_TOKENS : maxTokens;
    }

    boolean includeUsage() {
        return streamOptions != null && streamOptions.usage();
    }

    List<String> stopStrings() {
        return SamplingFields.stopStrings(stop);
    }
}
