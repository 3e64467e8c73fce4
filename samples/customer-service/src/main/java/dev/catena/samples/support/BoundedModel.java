package dev.catena.samples.support;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One role of the pipeline played by a model within a budget: at most {@code maxTokens} generated,
 * generation stopped at any of {@code stops}, and the call cut off after {@code timeLimit} with the
 * text generated so far (finish reason {@link FinishReason#LENGTH}). Sampling is greedy unless the
 * request sets a temperature, so the same question gets the same reply. A tiny local model on a busy
 * CPU can then never keep a customer waiting longer than the sum of its steps' limits.
 */
public final class BoundedModel implements ChatModel, StreamingChatModel {

    private final ChatModel model;
    private final StreamingChatModel streaming;
    private final int maxTokens;
    private final List<String> stops;
    private final Duration timeLimit;

    private BoundedModel(ChatModel model, int maxTokens, List<String> stops, Duration timeLimit) {
        this.model = Objects.requireNonNull(model, "model");
        this.streaming = model instanceof StreamingChatModel s ? s : null;
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be at least 1, was " + maxTokens);
        if (timeLimit.isNegative() || timeLimit.isZero()) throw new IllegalArgumentException("timeLimit must be positive, was " + timeLimit);
        this.maxTokens = maxTokens;
        this.stops = List.copyOf(stops);
        this.timeLimit = timeLimit;
    }

    /** {@code model} limited to {@code maxTokens} tokens, stopping at {@code stops}, cut off after {@code timeLimit}. */
    public static BoundedModel of(ChatModel model, int maxTokens, List<String> stops, Duration timeLimit) {
        return new BoundedModel(model, maxTokens, stops, timeLimit);
    }

    /** The request with this budget's token cap and stop strings (a smaller cap in the request wins). */
    ChatRequest bound(ChatRequest request) {
        Integer asked = request.maxOutputTokens();
        List<String> allStops = new ArrayList<>(stops);
        if (request.stopSequences() != null) allStops.addAll(request.stopSequences());
        ChatRequest.Builder b = ChatRequest.builder().messages(request.messages())
                .maxOutputTokens(asked == null ? maxTokens : Math.min(asked, maxTokens));
        if (!allStops.isEmpty()) b.stopSequences(allStops);
        if (request.toolSpecifications() != null && !request.toolSpecifications().isEmpty()) b.toolSpecifications(request.toolSpecifications());
        b.temperature(request.temperature() != null ? request.temperature() : 0.0);   // greedy unless asked: reproducible replies
        if (request.topP() != null) b.topP(request.topP());
        if (request.topK() != null) b.topK(request.topK());
        return b.build();
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        ChatRequest bounded = bound(request);
        FutureTask<ChatResponse> call = new FutureTask<>(() -> model.chat(bounded));
        Thread worker = Thread.ofVirtual().name("catena-bounded-call").start(call);
        try {
            return call.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            worker.interrupt();   // a local model checks the interrupt between tokens and stops
            return ChatResponse.builder().aiMessage(AiMessage.from("")).finishReason(FinishReason.LENGTH).build();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException("the model call failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        }
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        if (streaming == null) {
            ChatResponse r = doChat(request);
            if (r.aiMessage().text() != null && !r.aiMessage().text().isEmpty()) handler.onPartialResponse(r.aiMessage().text());
            handler.onCompleteResponse(r);
            return;
        }
        AtomicBoolean finished = new AtomicBoolean();
        StringBuilder text = new StringBuilder();
        Thread timer = Thread.ofVirtual().name("catena-bounded-timer").start(() -> {
            try {
                Thread.sleep(timeLimit);
            } catch (InterruptedException e) {
                return;
            }
            if (finished.compareAndSet(false, true)) {
                String soFar;
                synchronized (text) {
                    soFar = text.toString();
                }
                handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(soFar)).finishReason(FinishReason.LENGTH).build());
            }
        });
        streaming.chat(bound(request), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                // Past the time limit the answer was already completed: throwing stops the generation.
                if (finished.get()) throw new java.util.concurrent.CancellationException("time limit of " + timeLimit + " reached");
                synchronized (text) {
                    text.append(partial);
                }
                handler.onPartialResponse(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                timer.interrupt();
                if (finished.compareAndSet(false, true)) handler.onCompleteResponse(response);
            }

            @Override
            public void onError(Throwable error) {
                timer.interrupt();
                if (finished.compareAndSet(false, true)) handler.onError(error);
            }
        });
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return model.defaultRequestParameters();
    }

    @Override
    public ModelProvider provider() {
        return model.provider();
    }

    @Override
    public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
        return model.supportedCapabilities();
    }

    @Override
    public List<dev.langchain4j.model.chat.listener.ChatModelListener> listeners() {
        return List.of();
    }
}
