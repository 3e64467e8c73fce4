package dev.catena.core.cache;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A chat model that answers repeated requests from a cache: switch caching on for one model by
 * wrapping it. The key covers the whole request (messages, parameters, tools) and a namespace that
 * names the model, so one cache can serve several models. Only successful responses are cached.
 */
public final class CachingChatModel implements ChatModel {

    private final ChatModel delegate;
    private final ChatResponseCache cache;
    private final String namespace;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    private CachingChatModel(ChatModel delegate, ChatResponseCache cache, String namespace) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.cache = Objects.requireNonNull(cache, "cache");
        this.namespace = Objects.requireNonNull(namespace, "namespace");
    }

    /** Caches {@code model}'s responses in {@code cache}; the namespace is the model's class and default model name. */
    public static CachingChatModel wrap(ChatModel model, ChatResponseCache cache) {
        return new CachingChatModel(model, cache, model.getClass().getName() + "/" + model.defaultRequestParameters().modelName());
    }

    /** Caches {@code model}'s responses in {@code cache} under an explicit namespace. */
    public static CachingChatModel wrap(ChatModel model, ChatResponseCache cache, String namespace) {
        return new CachingChatModel(model, cache, namespace);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        CacheKey key = CacheKey.of(namespace, request);
        var cached = cache.get(key);
        if (cached.isPresent()) {
            hits.incrementAndGet();
            return cached.get();
        }
        misses.incrementAndGet();
        ChatResponse response = delegate.chat(request);
        cache.put(key, response);
        return response;
    }

    /** Requests answered from the cache. */
    public long hits() {
        return hits.get();
    }

    /** Requests passed to the model. */
    public long misses() {
        return misses.get();
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return delegate.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ModelProvider provider() {
        return delegate.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return delegate.supportedCapabilities();
    }
}
