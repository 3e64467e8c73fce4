package dev.catena.quarkus.runtime;

import dev.catena.chains.yaml.ComponentRegistry;

import java.util.Map;
import java.util.TreeSet;

/** The configuration sections, and the Catena module that provides each type Catena ships (named when that module is missing). */
public final class KnownTypes {

    /** The configuration sections ({@code quarkus.catena.<section>.<name>}) and the component kind each holds. */
    public static final Map<String, String> SECTIONS = Map.of(
            "models", "Model", "embedding-models", "Model", "stores", "Store", "memories", "Memory");

    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("openai-compatible", "dev.catena:catena-openai"),
            Map.entry("scripted", "dev.catena:catena-test-support"),
            Map.entry("local-gguf", "dev.catena:catena-local-llm-backend"),
            Map.entry("lucene", "dev.catena:catena-retrievers-lucene"),
            Map.entry("chroma", "dev.catena:catena-retrievers-chroma"),
            Map.entry("milvus", "dev.catena:catena-retrievers-milvus"),
            Map.entry("pgvector", "dev.catena:catena-retrievers-pgvector"),
            Map.entry("minilm", "dev.catena:catena-retrievers-onnx"),
            Map.entry("react", "dev.catena:catena-agents"),
            Map.entry("tool-calling", "dev.catena:catena-agents"),
            Map.entry("plan-and-execute", "dev.catena:catena-agents"),
            Map.entry("calculator", "dev.catena:catena-agents"),
            Map.entry("http-get", "dev.catena:catena-agents"));

    private KnownTypes() {}

    /** The artifact providing {@code type}, or null when Catena does not know it. */
    public static String module(String type) {
        return MODULES.get(type);
    }

    /** Why {@code type} of {@code kind} cannot be created: the registered types and, if known, the module to add. */
    public static String unknown(ComponentRegistry registry, String kind, String type) {
        String registered = String.join(", ", new TreeSet<>(registry.types(kind).keySet()));
        String module = module(type);
        return "unknown " + kind + " type '" + type + "' (registered: " + (registered.isEmpty() ? "none" : registered) + ")"
                + (module != null ? "; type '" + type + "' is provided by " + module + ": add it to the application's dependencies" : "");
    }
}
