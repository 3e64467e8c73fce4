package dev.catena.memory.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.catena.core.component.AbstractComponentType;
import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.Ref;
import dev.catena.core.memory.ConversationMemory;
import dev.catena.memory.BufferMemory;
import dev.catena.memory.entity.EntityMemory;
import dev.catena.memory.summary.SummaryBufferMemory;
import dev.catena.memory.vector.VectorStoreMemory;
import dev.catena.memory.window.CharacterTokenEstimator;
import dev.catena.memory.window.MessageWindowMemory;
import dev.catena.memory.window.TokenWindowMemory;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;

/** The memory types YAML files may declare ({@code kind: Memory}), registered through ServiceLoader. */
public final class MemoryTypes {
    private MemoryTypes() {}

    private abstract static class MemoryType<S> extends AbstractComponentType<S, ConversationMemory> {
        MemoryType(String type, Class<S> spec, String description) {
            super("Memory", type, spec, ConversationMemory.class, description);
        }
    }

    static TokenCountEstimator estimator(Ref ref, ComponentContext ctx) {
        return ref == null ? new CharacterTokenEstimator() : ctx.resolve(ref, TokenCountEstimator.class);
    }

    /** {@code type: buffer}. */
    public record BufferSpec(StoreSpec store) {}

    /** Keeps every turn. */
    public static final class Buffer extends MemoryType<BufferSpec> {
        public Buffer() { super("buffer", BufferSpec.class, "Sends the whole conversation"); }
        @Override public ConversationMemory create(BufferSpec s, ComponentContext ctx) {
            return new BufferMemory(StoreSpec.open(s.store(), ctx));
        }
    }

    /** {@code type: message-window}. */
    public record WindowSpec(@JsonProperty(required = true) @JsonPropertyDescription("Most messages sent to the model") int maxMessages,
                             StoreSpec store) {}

    /** Sends the newest messages. */
    public static final class Window extends MemoryType<WindowSpec> {
        public Window() { super("message-window", WindowSpec.class, "Sends the newest messages"); }
        @Override public ConversationMemory create(WindowSpec s, ComponentContext ctx) {
            return new MessageWindowMemory(StoreSpec.open(s.store(), ctx), s.maxMessages());
        }
    }

    /** {@code type: token-window}. */
    public record TokenWindowSpec(@JsonProperty(required = true) @JsonPropertyDescription("Most tokens sent to the model") int maxTokens,
                                  @JsonPropertyDescription("A TokenCountEstimator (e.g. a local model's tokenizer); default: a character estimate") Ref tokenCounter,
                                  StoreSpec store) {}

    /** Sends the newest messages that fit a token budget. */
    public static final class TokenWindow extends MemoryType<TokenWindowSpec> {
        public TokenWindow() { super("token-window", TokenWindowSpec.class, "Sends the newest messages that fit a token budget"); }
        @Override public ConversationMemory create(TokenWindowSpec s, ComponentContext ctx) {
            return new TokenWindowMemory(StoreSpec.open(s.store(), ctx), s.maxTokens(), estimator(s.tokenCounter(), ctx));
        }
    }

    /** {@code type: summary}. */
    public record SummarySpec(@JsonProperty(required = true) @JsonPropertyDescription("The summarizing chat model") Ref model,
                              StoreSpec store) {}

    /** Condenses every turn into a running summary. */
    public static final class Summary extends MemoryType<SummarySpec> {
        public Summary() { super("summary", SummarySpec.class, "Condenses the conversation into a running summary"); }
        @Override public ConversationMemory create(SummarySpec s, ComponentContext ctx) {
            return SummaryBufferMemory.summaryOnly(StoreSpec.open(s.store(), ctx), ctx.resolve(s.model(), ChatModel.class), new CharacterTokenEstimator());
        }
    }

    /** {@code type: summary-buffer}. */
    public record SummaryBufferSpec(@JsonProperty(required = true) @JsonPropertyDescription("The summarizing chat model") Ref model,
                                    @JsonProperty(required = true) @JsonPropertyDescription("Tokens of recent turns kept verbatim") int maxTokens,
                                    @JsonPropertyDescription("A TokenCountEstimator; default: a character estimate") Ref tokenCounter,
                                    StoreSpec store) {}

    /** Recent turns verbatim, older ones summarized. */
    public static final class SummaryBuffer extends MemoryType<SummaryBufferSpec> {
        public SummaryBuffer() { super("summary-buffer", SummaryBufferSpec.class, "Recent turns verbatim, older turns summarized"); }
        @Override public ConversationMemory create(SummaryBufferSpec s, ComponentContext ctx) {
            return new SummaryBufferMemory(StoreSpec.open(s.store(), ctx), ctx.resolve(s.model(), ChatModel.class),
                    s.maxTokens(), estimator(s.tokenCounter(), ctx));
        }
    }

    /** {@code type: vector}. */
    public record VectorSpec(@JsonProperty(required = true) @JsonPropertyDescription("The embedding model") Ref embeddingModel,
                             @JsonProperty(required = true) @JsonPropertyDescription("The embedding store holding past turns") Ref embeddingStore,
                             @JsonPropertyDescription("Newest messages sent verbatim (default 6)") Integer recentMessages,
                             @JsonPropertyDescription("Earlier turns recalled by similarity (default 3)") Integer recalledTurns,
                             @JsonPropertyDescription("Minimum similarity of a recalled turn (default 0.5)") Double minScore,
                             StoreSpec store) {
        public VectorSpec {
            if (recentMessages == null) recentMessages = 6;
            if (recalledTurns == null) recalledTurns = 3;
            if (minScore == null) minScore = 0.5;
        }
    }

    /** Recalls relevant earlier turns by similarity. */
    public static final class Vector extends MemoryType<VectorSpec> {
        public Vector() { super("vector", VectorSpec.class, "Recalls relevant earlier turns by similarity"); }
        @Override @SuppressWarnings("unchecked")
        public ConversationMemory create(VectorSpec s, ComponentContext ctx) {
            return new VectorStoreMemory(StoreSpec.open(s.store(), ctx), ctx.resolve(s.embeddingModel(), EmbeddingModel.class),
                    (EmbeddingStore<TextSegment>) ctx.resolve(s.embeddingStore(), EmbeddingStore.class),
                    s.recentMessages(), s.recalledTurns(), s.minScore());
        }
    }

    /** {@code type: entity}. */
    public record EntitySpec(@JsonProperty(required = true) @JsonPropertyDescription("The model that extracts entity facts") Ref model,
                             @JsonPropertyDescription("Newest messages sent verbatim (default 6)") Integer recentMessages,
                             StoreSpec store) {
        public EntitySpec {
            if (recentMessages == null) recentMessages = 6;
        }
    }

    /** Keeps facts about named entities. */
    public static final class Entity extends MemoryType<EntitySpec> {
        public Entity() { super("entity", EntitySpec.class, "Keeps facts about named entities up to date"); }
        @Override public ConversationMemory create(EntitySpec s, ComponentContext ctx) {
            return new EntityMemory(StoreSpec.open(s.store(), ctx), ctx.resolve(s.model(), ChatModel.class), s.recentMessages());
        }
    }
}
