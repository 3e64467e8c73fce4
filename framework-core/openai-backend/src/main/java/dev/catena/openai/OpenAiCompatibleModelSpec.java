package dev.catena.openai;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/**
 * Spec of {@code type: openai-compatible} (kind Model) in Catena YAML files.
 *
 * @param baseUrl       API root, e.g. http://localhost:8000/v1
 * @param model         model name
 * @param apiKeyEnv     environment variable with the API key (must be allow-listed by the application)
 * @param timeoutMillis limit for one HTTP call
 * @param maxRetries    retries of a failed blocking call
 * @param temperature   sampling temperature
 * @param maxTokens     most tokens to generate
 */
public record OpenAiCompatibleModelSpec(
        @JsonProperty(required = true) @JsonPropertyDescription("API root, e.g. http://localhost:8000/v1") String baseUrl,
        @JsonProperty(required = true) @JsonPropertyDescription("Model name") String model,
        @JsonPropertyDescription("Environment variable holding the API key") String apiKeyEnv,
        @JsonPropertyDescription("Timeout of one HTTP call in milliseconds (default 60000)") Integer timeoutMillis,
        @JsonPropertyDescription("Retries of a failed blocking call (default 2)") Integer maxRetries,
        @JsonPropertyDescription("Sampling temperature, 0 to 2") Double temperature,
        @JsonPropertyDescription("Most tokens to generate") Integer maxTokens) {

    /** The config this spec describes; bad values fail with a message naming the field. */
    public OpenAiCompatibleConfig toConfig() {
        OpenAiCompatibleConfig.Builder b = OpenAiCompatibleConfig.builder()
                .baseUrl(baseUrl).modelName(model).apiKeyEnv(apiKeyEnv).temperature(temperature).maxTokens(maxTokens);
        if (timeoutMillis != null) b.timeout(java.time.Duration.ofMillis(timeoutMillis));
        if (maxRetries != null) b.maxRetries(maxRetries);
        return b.build();
    }
}
