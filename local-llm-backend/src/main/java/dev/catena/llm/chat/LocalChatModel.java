package dev.catena.llm.chat;

import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.model.OutputConstraint;
import dev.catena.llm.batch.BatchConfig;
import dev.catena.llm.batch.BatchScheduler;
import dev.catena.llm.batch.GenerationHandle;
import dev.catena.llm.constraint.TokenConstraint;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.GenerationResult;
import dev.catena.llm.model.KvCacheType;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.TokenListener;
import dev.catena.llm.sampling.SamplingParams;
import dev.catena.llm.template.ChatTemplate;
import dev.catena.llm.template.ToolListingChatTemplate;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.TokenCountEstimator;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.util.ArrayList;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A local GGUF model as a LangChain4j {@link ChatModel} and {@link StreamingChatModel}: messages (and tool
 * specifications) are rendered by the model's chat template, generated on the CPU and returned with token
 * usage. Every request goes through a {@link BatchScheduler}: concurrent callers are decoded together in one
 * batch (one pass over the weights per token for all of them), each in a slot of its own whose KV cache may
 * share a prefix with the prompt (the free slot sharing the longest is taken, so only the new suffix is computed).
 * A greedy or seeded reply is the same alone or in a batch, up to float ties (see {@code BatchedForwardTest}).
 * Streaming reports text as it is generated, from the scheduler's thread. As a {@link TokenCountEstimator} it counts
 * exactly, with the model's own tokenizer and chat template (token-window memory uses this).
 *
 * <p>A request's {@code responseFormat} (JSON, or JSON with a schema) and its tools constrain decoding: the output
 * is JSON valid for the schema, and a tool call names a declared tool with arguments valid for its parameters (see
 * {@link ChatConstraints}). So LangChain4j's {@code AiServices} returning a record work on the local model.
 */
public final class LocalChatModel implements ChatModel, StreamingChatModel, TokenCountEstimator, ConstrainedGeneration {

    private final Model model;
    private final SamplingParams sampling;
    private final int maxTokens;
    private final int contextLength;
    private final ChatTemplate template;
    private final BatchScheduler scheduler;
    private final KvCacheType kvCache;
    private final java.util.concurrent.atomic.AtomicLong reusedPromptTokens = new java.util.concurrent.atomic.AtomicLong();
    /** Compiled constraints by {@link ChatConstraints#key}, least recently used dropped (their mask caches too). */
    private final Map<String, TokenConstraint> constraints = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TokenConstraint> eldest) {
            return size() > 16;
        }
    };

    private LocalChatModel(Builder b) {
        this.model = Objects.requireNonNull(b.model, "model");
        this.sampling = b.sampling;
        this.maxTokens = b.maxTokens;
        this.contextLength = b.contextLength > 0 ? b.contextLength : model.defaultContextLength();
        this.template = ToolListingChatTemplate.of(b.template != null ? b.template : model.template());
        this.kvCache = b.kvCache;
        if (b.sessionCacheSize < 0) {
            throw new IllegalArgumentException("session cache size must be at least 0, was " + b.sessionCacheSize);
        }
        this.scheduler = new BatchScheduler(model, new BatchConfig(b.slots, b.queueCapacity, contextLength, kvCache,
                BatchConfig.DEFAULT_PREFILL_CHUNK, b.sessionCacheSize > 0));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Model model() {
        return model;
    }

    /** The context length in force: a prompt plus the tokens to generate must fit in it. */
    public int contextLength() {
        return contextLength;
    }

    /** How the KV caches of this model's conversations store keys and values. */
    public KvCacheType kvCacheType() {
        return kvCache;
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return ChatModel.super.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return ChatModel.super.listeners();
    }

    @Override
    public ModelProvider provider() {
        return ChatModel.super.provider();
    }

    /** JSON Schema response formats are enforced by constrained decoding. */
    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    /** The scheduler every request of this model goes through (its slots, queue and KV memory in its metrics). */
    public BatchScheduler scheduler() {
        return scheduler;
    }

    /** Prompt tokens so far taken from a kept KV cache instead of being computed again (prefix reuse). */
    public long reusedPromptTokens() {
        return reusedPromptTokens.get();
    }

    /** The number of tokens the model's tokenizer makes of {@code text}. */
    @Override
    public int estimateTokenCountInText(String text) {
        return model.tokenizer().encode(text).length;
    }

    /** The tokens one message takes in a prompt, including its chat-template framing. */
    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        return estimateTokenCountInMessages(List.of(message));
    }

    /** The tokens the messages take once rendered by the model's chat template. */
    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        List<ChatMessage> list = new ArrayList<>();
        messages.forEach(list::add);
        String prompt = template.render(list, List.of(), false);
        return model.tokenizer().encode(prompt, false, true).length;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return run(request, TokenListener.none(), null);
    }

    /** A view whose replies follow {@code constraint}; it is compiled now, so a bad one fails here. */
    @Override
    public ChatModel constrainedTo(OutputConstraint constraint) {
        TokenConstraint compiled = compiled("constraint:" + constraint.grammar() + "\u0000" + constraint.jsonSchemas(),
                () -> ChatConstraints.grammar(constraint));
        return new ChatModel() {
            @Override
            public ChatResponse doChat(ChatRequest request) {
                return run(request, TokenListener.none(), compiled);
            }

            @Override
            public ModelProvider provider() {
                return LocalChatModel.this.provider();
            }

            @Override
            public String toString() {
                return "constrained " + LocalChatModel.this;
            }
        };
    }

    /**
     * Streams the reply. Pieces pass through a queue to this request's own thread, which calls the handler: a slow
     * handler delays only its own stream, never the scheduler's step that serves every request in the batch.
     */
    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        Thread.ofVirtual().name("catena-local-chat").start(() -> {
            BlockingQueue<String> pieces = new LinkedBlockingQueue<>();
            ChatResponse response;
            try {
                Submitted submitted = submit(request, (token, text) -> {
                    if (!text.isEmpty()) {
                        pieces.add(text);
                    }
                }, null);
                submitted.handle().result().whenComplete((r, e) -> pieces.add(END));
                for (String piece = take(pieces, submitted.handle()); piece != END; piece = take(pieces, submitted.handle())) {
                    handler.onPartialResponse(piece);
                }
                response = response(submitted, submitted.handle().await());
            } catch (RuntimeException | Error e) {
                handler.onError(e);
                return;
            }
            handler.onCompleteResponse(response);
        });
    }

    /** Marks the end of a stream's pieces (compared by identity). */
    private static final String END = new String("end of stream");

    /** The next piece; an interrupt cancels the request, whose remaining pieces and end still arrive. */
    private static String take(BlockingQueue<String> pieces, GenerationHandle handle) {
        while (true) {
            try {
                return pieces.take();
            } catch (InterruptedException e) {
                handle.cancel();
            }
        }
    }

    /** Generates the reply; {@code constraint}, when given, replaces the one of the request's format and tools. */
    private ChatResponse run(ChatRequest request, TokenListener listener, TokenConstraint constraint) {
        Submitted submitted = submit(request, listener, constraint);
        // interrupting the waiting thread cancels the request at the next step
        return response(submitted, submitted.handle().await());
    }

    /** Renders and queues the request in the batch; the reply is built from the handle's result. */
    private Submitted submit(ChatRequest request, TokenListener listener, TokenConstraint constraint) {
        model.checkFile();
        List<ToolSpecification> tools = request.toolSpecifications() == null ? List.of() : request.toolSpecifications();
        String prompt = template.render(request.messages(), tools, true);
        int[] tokens = model.encodePrompt(prompt);
        int max = request.maxOutputTokens() != null ? request.maxOutputTokens()
                : Math.max(1, Math.min(maxTokens, contextLength - tokens.length));
        List<String> stops = new ArrayList<>(template.stopStrings());
        if (request.stopSequences() != null) {
            stops.addAll(request.stopSequences());
        }
        GenerationOptions options = GenerationOptions.builder()
                .maxTokens(max)
                .sampling(samplingFor(request))
                .stopStrings(stops)
                .constraint(constraint != null ? constraint : constraintFor(request, tools))
                .build();
        return new Submitted(scheduler.submit(tokens, options, listener), tools);
    }

    /** A request in the scheduler and the tools its reply may call. */
    private record Submitted(GenerationHandle handle, List<ToolSpecification> tools) {
    }

    private ChatResponse response(Submitted submitted, GenerationResult result) {
        reusedPromptTokens.addAndGet(result.reusedTokens());
        List<ToolExecutionRequest> calls = submitted.tools().isEmpty() ? List.of() : ToolCallParser.parse(result.text());
        AiMessage message = calls.isEmpty() ? AiMessage.from(result.text()) : AiMessage.from(calls);
        return ChatResponse.builder()
                .aiMessage(message)
                .modelName(model.name())
                .tokenUsage(new TokenUsage(result.promptTokens(), result.tokens().length))
                .finishReason(!calls.isEmpty() ? FinishReason.TOOL_EXECUTION : switch (result.finishReason()) {
                    case STOP_TOKEN, STOP_STRING -> FinishReason.STOP;
                    case LENGTH -> FinishReason.LENGTH;
                    case CANCELLED -> FinishReason.OTHER;
                })
                .build();
    }

    /**
     * The constraint of the request's response format and tools (compiled once per distinct format and tools), or
     * {@code null}.
     *
     * @throws dev.catena.llm.constraint.schema.UnsupportedSchemaException for a schema keyword it cannot enforce
     */
    private TokenConstraint constraintFor(ChatRequest request, List<ToolSpecification> tools) {
        String key = ChatConstraints.key(request, tools);
        return key == null ? null : compiled(key, () -> ChatConstraints.grammar(key));
    }

    private TokenConstraint compiled(String key, java.util.function.Supplier<dev.catena.llm.constraint.grammar.Grammar> grammar) {
        synchronized (constraints) {
            TokenConstraint c = constraints.get(key);
            if (c == null) {
                c = TokenConstraint.of(grammar.get(), model.tokenizer());
                constraints.put(key, c);
            }
            return c;
        }
    }

    private SamplingParams samplingFor(ChatRequest r) {
        SamplingParams.Builder b = sampling.toBuilder();
        if (r.temperature() != null) {
            b.temperature(r.temperature());
        }
        if (r.topP() != null) {
            b.topP(r.topP());
        }
        if (r.topK() != null) {
            b.topK(r.topK());
        }
        if (r.frequencyPenalty() != null) {
            b.frequencyPenalty(r.frequencyPenalty());
        }
        if (r.presencePenalty() != null) {
            b.presencePenalty(r.presencePenalty());
        }
        return b.build();
    }

    /** Builder; defaults: llama.cpp-like sampling, 512 tokens, the model's default context. */
    public static final class Builder {
        private Model model;
        private SamplingParams sampling = SamplingParams.builder().build();
        private int maxTokens = 512;
        private int contextLength;
        private ChatTemplate template;
        private int sessionCacheSize = 2;
        private KvCacheType kvCache = KvCacheType.F32;
        private int slots = 4;
        private int queueCapacity = 64;

        public Builder model(Model v) { model = v; return this; }
        public Builder sampling(SamplingParams v) { sampling = Objects.requireNonNull(v); return this; }
        public Builder maxTokens(int v) { maxTokens = v; return this; }
        public Builder contextLength(int v) { contextLength = v; return this; }
        /** A chat template instead of the model's own (e.g. {@code ChatTemplates.builtin("transcript", ...)} for a base model). */
        public Builder template(ChatTemplate v) { template = v; return this; }
        /**
         * Whether idle slots keep their KV caches so that a prompt extending an earlier one (the next turn, the
         * next ReAct step) only computes its new suffix: 0 turns reuse off, any other value keeps it on (the
         * caches kept are those of the {@link #slots} slots). Default 2.
         */
        public Builder sessionCacheSize(int v) { sessionCacheSize = v; return this; }
        /** How KV caches store keys and values: F32 (default), F16 (half the memory) or Q8_0. */
        public Builder kvCache(KvCacheType v) { kvCache = Objects.requireNonNull(v, "kvCache"); return this; }
        /**
         * Requests decoded together in one batch (continuous batching); each slot owns one KV cache of the context
         * length, so this bounds the KV memory. Default 4.
         */
        public Builder slots(int v) { slots = v; return this; }
        /**
         * Requests that may wait for a slot; beyond slots plus queue a request fails at once with
         * {@link dev.catena.llm.batch.SchedulerOverloadedException}. Default 64.
         */
        public Builder queueCapacity(int v) { queueCapacity = v; return this; }

        public LocalChatModel build() {
            return new LocalChatModel(this);
        }
    }
}
