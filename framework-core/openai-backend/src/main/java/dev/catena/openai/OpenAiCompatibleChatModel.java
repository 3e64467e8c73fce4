package dev.catena.openai;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.catena.openai.http.ResilientHttpClient;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A chat model on an OpenAI-compatible server, blocking and streaming in one object (so a
 * {@code ChatModelRunnable} over it streams). Built from an {@link OpenAiCompatibleConfig} with
 * LangChain4j's {@code langchain4j-open-ai} clients over a {@link ResilientHttpClient} (retries with
 * backoff and {@code Retry-After}, idle timeout on streams). A body that is not JSON fails with
 * {@link MalformedResponseException}; a stream that ends before the server finished it fails with
 * {@link StreamCutException}, never as a short answer.
 */
public final class OpenAiCompatibleChatModel implements ChatModel, StreamingChatModel {

    private final OpenAiCompatibleConfig config;
    private final OpenAiChatModel blocking;
    private final OpenAiStreamingChatModel streaming;

    private OpenAiCompatibleChatModel(OpenAiCompatibleConfig config, Function<String, String> env) {
        this.config = config;
        String key = config.apiKey(env);
        Map<String, String> noAuth = Map.of();
        var transport = ResilientHttpClient.builder(new ResilientHttpClient.Settings(
                config.timeout(), config.maxRetries(), config.initialBackoff(), config.maxRetryWait()));
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                .baseUrl(config.baseUrl()).modelName(config.modelName()).httpClientBuilder(transport)
                .timeout(config.timeout()).maxRetries(0)
                .temperature(config.temperature()).maxTokens(config.maxTokens())
                .logRequests(config.logRequests()).logResponses(config.logRequests());
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder s = OpenAiStreamingChatModel.builder()
                .baseUrl(config.baseUrl()).modelName(config.modelName()).httpClientBuilder(transport)
                .timeout(config.timeout())
                .temperature(config.temperature()).maxTokens(config.maxTokens())
                .logRequests(config.logRequests()).logResponses(config.logRequests());
        if (key != null) {
            b.apiKey(key);
            s.apiKey(key);
        } else {
            b.customHeaders(noAuth);
            s.customHeaders(noAuth);
        }
        this.blocking = b.build();
        this.streaming = s.build();
    }

    /** A model for {@code config}, reading the API key from the process environment. */
    public static OpenAiCompatibleChatModel create(OpenAiCompatibleConfig config) {
        return new OpenAiCompatibleChatModel(config, System::getenv);
    }

    /** A model for {@code config}, reading the API key through {@code env} (for tests and loaders with allow-lists). */
    public static OpenAiCompatibleChatModel create(OpenAiCompatibleConfig config, Function<String, String> env) {
        return new OpenAiCompatibleChatModel(config, env);
    }

    public OpenAiCompatibleConfig config() {
        return config;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        try {
            return blocking.chat(request);
        } catch (RuntimeException e) {
            JsonProcessingException json = causeOfType(e, JsonProcessingException.class);
            if (json != null) {
                throw new MalformedResponseException("malformed JSON in the response from " + config.baseUrl() + ": "
                        + json.getOriginalMessage(), e);
            }
            throw e;
        }
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        streaming.chat(request, new CutDetectingHandler(handler));
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    /** Counts tokens and turns any end other than a finished answer into a {@link StreamCutException}. */
    private static final class CutDetectingHandler implements StreamingChatResponseHandler {
        private final StreamingChatResponseHandler delegate;
        private final AtomicBoolean done = new AtomicBoolean();
        private volatile int tokens;

        CutDetectingHandler(StreamingChatResponseHandler delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            if (done.get()) return;
            tokens++;
            delegate.onPartialResponse(partialResponse);
        }

        @Override
        public void onCompleteResponse(ChatResponse response) {
            if (response.finishReason() == null) {
                onError(new StreamCutException(tokens, "the server closed the stream without a finish reason", null));
                return;
            }
            if (done.compareAndSet(false, true)) delegate.onCompleteResponse(response);
        }

        @Override
        public void onError(Throwable error) {
            if (!done.compareAndSet(false, true)) return;
            boolean beforeStart = causeOfType(error, ResilientHttpClient.HttpFailure.class) != null
                    || causeOfType(error, dev.langchain4j.exception.TimeoutException.class) != null;
            if (!(error instanceof StreamCutException) && !beforeStart && causeOfType(error, IOException.class) != null) {
                IOException io = causeOfType(error, IOException.class);
                error = new StreamCutException(tokens, io.getMessage() == null ? io.toString() : io.getMessage(), error);
            }
            delegate.onError(error);
        }
    }

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return blocking.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OPEN_AI;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return blocking.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "OpenAiCompatibleChatModel[" + config + "]";
    }
}
