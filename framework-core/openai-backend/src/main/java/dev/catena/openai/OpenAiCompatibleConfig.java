package dev.catena.openai;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * Settings of a remote OpenAI-compatible server (OpenAI, vLLM, TGI, Ollama, llama.cpp server,
 * LM Studio). The API key is never held here: only the name of the environment variable that
 * holds it, read when a model is built; {@link #toString()} never shows a key.
 *
 * @param baseUrl     the API root, e.g. {@code http://localhost:8000/v1}
 * @param modelName   the model to ask for
 * @param apiKeyEnv   the environment variable holding the key, or null for servers without auth
 * @param timeout     the limit for one HTTP call
 * @param maxRetries  retries of a call that failed with 408/429/5xx or a broken connection (0 = none); a
 *                    stream is retried only before its first byte, so no token is delivered twice
 * @param initialBackoff wait before the first retry when the server sends no {@code Retry-After} (doubles, jittered)
 * @param maxRetryWait the longest wait between attempts; a longer {@code Retry-After} fails the call at once
 * @param temperature sampling temperature, or null for the server's default
 * @param maxTokens   the most tokens to generate, or null for the server's default
 * @param logRequests whether LangChain4j logs requests and responses (headers with keys are masked by it)
 */
public record OpenAiCompatibleConfig(String baseUrl, String modelName, String apiKeyEnv, Duration timeout,
                                     int maxRetries, Duration initialBackoff, Duration maxRetryWait,
                                     Double temperature, Integer maxTokens, boolean logRequests) {

    public OpenAiCompatibleConfig {
        if (baseUrl == null || baseUrl.isBlank()) throw new IllegalArgumentException("baseUrl is required, e.g. http://localhost:8000/v1");
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("baseUrl must start with http:// or https://, was '" + baseUrl + "'");
        }
        if (modelName == null || modelName.isBlank()) throw new IllegalArgumentException("modelName is required");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxRetryWait, "maxRetryWait");
        if (initialBackoff.isNegative()) throw new IllegalArgumentException("initialBackoff must not be negative, was " + initialBackoff);
        if (maxRetryWait.isNegative()) throw new IllegalArgumentException("maxRetryWait must not be negative, was " + maxRetryWait);
        if (temperature != null && (temperature < 0 || temperature > 2)) {
            throw new IllegalArgumentException("temperature must be between 0 and 2, was " + temperature);
        }
        if (maxTokens != null && maxTokens < 1) throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The API key: the value of {@link #apiKeyEnv} looked up with {@code env}, or null when no
     * variable is configured. A configured but unset variable is an error naming the variable.
     */
    public String apiKey(Function<String, String> env) {
        if (apiKeyEnv == null) return null;
        String key = env.apply(apiKeyEnv);
        if (key == null || key.isBlank()) {
            throw new IllegalStateException("Environment variable " + apiKeyEnv + " (the API key for " + baseUrl + ") is not set");
        }
        return key;
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleConfig[baseUrl=" + baseUrl + ", modelName=" + modelName + ", apiKeyEnv=" + apiKeyEnv
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + "]";
    }

    /** Builder with defaults: 60 s timeout, 2 retries from 500 ms backoff, waits of at most 30 s, server-default sampling. */
    public static final class Builder {
        private String baseUrl;
        private String modelName;
        private String apiKeyEnv;
        private Duration timeout = Duration.ofSeconds(60);
        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofMillis(500);
        private Duration maxRetryWait = Duration.ofSeconds(30);
        private Double temperature;
        private Integer maxTokens;
        private boolean logRequests;

        public Builder baseUrl(String baseUrl) { this.baseUrl = baseUrl; return this; }
        public Builder modelName(String modelName) { this.modelName = modelName; return this; }
        public Builder apiKeyEnv(String apiKeyEnv) { this.apiKeyEnv = apiKeyEnv; return this; }
        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        public Builder maxRetries(int maxRetries) { this.maxRetries = maxRetries; return this; }
        public Builder initialBackoff(Duration initialBackoff) { this.initialBackoff = initialBackoff; return this; }
        public Builder maxRetryWait(Duration maxRetryWait) { this.maxRetryWait = maxRetryWait; return this; }
        public Builder temperature(Double temperature) { this.temperature = temperature; return this; }
        public Builder maxTokens(Integer maxTokens) { this.maxTokens = maxTokens; return this; }
        public Builder logRequests(boolean logRequests) { this.logRequests = logRequests; return this; }
        public OpenAiCompatibleConfig build() {
            return new OpenAiCompatibleConfig(baseUrl, modelName, apiKeyEnv, timeout, maxRetries, initialBackoff, maxRetryWait, temperature, maxTokens, logRequests);
        }
    }
}
