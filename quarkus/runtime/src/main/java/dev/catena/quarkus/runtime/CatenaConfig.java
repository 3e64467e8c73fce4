package dev.catena.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import io.smallrye.config.WithParentName;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Catena run-time settings ({@code quarkus.catena.*}). Each named entry is one component of a
 * registered type, e.g. {@code quarkus.catena.models.remote.type=openai-compatible} and
 * {@code quarkus.catena.models.remote.base-url=http://127.0.0.1:8000/v1}: the keys after the name
 * are the fields of that type's spec, in kebab-case, the same fields a YAML file gives. Entry names
 * and types are read at build time too (they decide the beans); the other values only at start.
 */
@ConfigMapping(prefix = "quarkus.catena")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface CatenaConfig {

    /** Chat models by name (kind {@code Model}: {@code local-gguf}, {@code openai-compatible}, {@code scripted}...). */
    @ConfigDocMapKey("model-name")
    Map<String, Entry> models();

    /** Embedding models by name (kind {@code Model} with an embedding product, e.g. {@code minilm}). */
    @ConfigDocMapKey("model-name")
    Map<String, Entry> embeddingModels();

    /** Embedding stores by name (kind {@code Store}: {@code lucene}, {@code chroma}, {@code milvus}). */
    @ConfigDocMapKey("store-name")
    Map<String, Entry> stores();

    /** Conversation memories by name (kind {@code Memory}: {@code message-window}, {@code summary}...). */
    @ConfigDocMapKey("memory-name")
    Map<String, Entry> memories();

    /** The conversation memory used by chains and agents that declare none. */
    MemoryConfig memory();

    /** Switches of Catena's local model runtime (module catena-local-llm-backend). */
    LocalRuntimeConfig local();

    /** What the Dev UI's Catena card keeps (dev and test mode). */
    DevUiConfig devUi();

    /** One named component: its type and the fields of that type's spec. */
    interface Entry {
        /** The registered type name, e.g. {@code openai-compatible}. */
        String type();

        /** Makes this entry the {@code @Default} bean of its model interfaces when several exist. */
        @WithName("default")
        @WithDefault("false")
        boolean isDefault();

        /**
         * The fields of the type's spec in kebab-case ({@code base-url}, {@code top-k}); lists are
         * comma-separated or indexed ({@code responses[0]}), nested fields dotted; an empty value
         * leaves the field out (a profile can unset a field of another type).
         */
        @WithParentName
        @ConfigDocMapKey("field")
        Map<String, Optional<String>> fields();
    }

    /** The conversation memory behind {@code {bean: memory}} and the default {@code ConversationMemory} bean. */
    interface MemoryConfig {
        /** Where conversations are kept. */
        @WithDefault("memory")
        MemoryStore store();

        /** Directory (file), or an embedded H2 database file (jdbc; needs com.h2database:h2). */
        Optional<String> path();

        /** The Agroal datasource of a jdbc store without {@code path}; the default datasource when absent. */
        Optional<String> datasource();

        /** The table of a jdbc store, created if absent. */
        @WithDefault("catena_messages")
        String table();

        /** Most messages sent to the model per conversation. */
        @WithDefault("20")
        int maxMessages();

        /** Idle time after which a conversation is forgotten. */
        Optional<Duration> ttl();
    }

    /** Where the default conversation memory keeps conversations. */
    enum MemoryStore {
        /** In the JVM's heap; lost on restart. */
        MEMORY,
        /** One file per conversation under {@code path}. */
        FILE,
        /** The application's datasource ({@code datasource}), or an embedded H2 file at {@code path}. */
        JDBC
    }

    /** Switches of the local runtime, applied as the system properties it reads before any model loads. */
    interface LocalRuntimeConfig {
        /** The compute kernels (system property {@code catena.kernels}); default: the fastest available. */
        Optional<Kernels> kernels();

        /** How weights are held (system property {@code catena.weights}); default: resident when the kernels allow. */
        Optional<Weights> weights();
    }

    /** Settings of the Dev UI's Catena card. */
    interface DevUiConfig {
        /** How many of the last root runs (chains and agents) the card shows as run trees. */
        @WithDefault("20")
        int traces();
    }

    /** Compute kernels of the local runtime. */
    enum Kernels {
        /** C kernels through FFM. */
        NATIVE,
        /** The Vector API. */
        VECTOR,
        /** Plain Java. */
        SCALAR
    }

    /** How the local runtime holds model weights. */
    enum Weights {
        /** Repacked into native memory for the kernels. */
        RESIDENT,
        /** Read from the memory-mapped file. */
        MAPPED
    }
}
