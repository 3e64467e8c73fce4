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

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A chat model on an OpenAI-compatible server, blocking and streaming in one object (so a
 * {@code ChatModelRunnable} over it streams). Built from an {@link OpenAiCompatibleConfig} with
 * LangChain4j's {@code langchain4j-open-ai} clients; calls go straight to them.
 */
public final class OpenAiCompatibleChatModel implements ChatModel, StreamingChatModel {

    private final OpenAiCompatibleConfig config;
    private final OpenAiChatModel blocking;
    private final OpenAiStreamingChatModel streaming;

    private OpenAiCompatibleChatModel(OpenAiCompatibleConfig config, Function<String, String> env) {
        this.config = config;
        String key = config.apiKey(env);
        Map<String, String> noAuth = Map.of();
        OpenAiChatModel.OpenAiChatModelBuilder b = OpenAiChatModel.builder()
                .baseUrl(config.baseUrl()).modelName(config.modelName())
                .timeout(config.timeout()).maxRetries(config.maxRetries())
                .temperature(config.temperature()).maxTokens(config.maxTokens())
                .logRequests(config.logRequests()).logResponses(config.logRequests());
        OpenAiStreamingChatModel.OpenAiStreamingChatModelBuilder s = OpenAiStreamingChatModel.builder()
                .baseUrl(config.baseUrl()).modelName(config.modelName())
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
        return blocking.chat(request);
    }

    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        streaming.chat(request, handler);
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
