package dev.catena.core.support;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.output.TokenUsage;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Core's own scripted model for tests (catena-test-support depends on core, so core cannot use it):
 * answers in order, streams given tokens on a virtual thread, records requests.
 */
public final class FakeChatModel implements ChatModel, StreamingChatModel {
    private final Deque<List<String>> script = new ArrayDeque<>();
    private final List<ChatRequest> requests = new ArrayList<>();
    public final AtomicInteger tokensSent = new AtomicInteger();
    public volatile boolean producerStopped;
    private Duration delay = Duration.ZERO;

    /** Each reply is given as its stream tokens. */
    @SafeVarargs
    public static FakeChatModel tokens(List<String>... replies) {
        FakeChatModel m = new FakeChatModel();
        for (List<String> r : replies) m.script.add(r);
        return m;
    }

    public static FakeChatModel replies(String... replies) {
        FakeChatModel m = new FakeChatModel();
        for (String r : replies) m.script.add(List.of(r));
        return m;
    }

    public FakeChatModel delay(Duration d) { this.delay = d; return this; }

    public synchronized List<ChatRequest> requests() { return List.copyOf(requests); }

    private synchronized List<String> take(ChatRequest r) {
        requests.add(r);
        if (script.isEmpty()) throw new IllegalStateException("FakeChatModel: no more replies");
        return script.poll();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return ChatResponse.builder().aiMessage(AiMessage.from(String.join("", take(request))))
                .modelName("fake-model").tokenUsage(new TokenUsage(3, 5)).build();
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        List<String> tokens = take(request);
        Thread.ofVirtual().start(() -> {
            try {
                for (String t : tokens) {
                    if (!delay.isZero()) Thread.sleep(delay);
                    handler.onPartialResponse(t);
                    tokensSent.incrementAndGet();
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(String.join("", tokens)))
                        .modelName("fake-model").build());
            } catch (Exception e) {
                producerStopped = true;
                handler.onError(e);
            }
        });
    }

    @Override public ChatRequestParameters defaultRequestParameters() { return ChatModel.super.defaultRequestParameters(); }
    @Override public List<ChatModelListener> listeners() { return List.of(); }
    @Override public ModelProvider provider() { return ModelProvider.OTHER; }
    @Override public Set<Capability> supportedCapabilities() { return Set.of(); }
}
