package dev.catena.core.bench;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.util.List;
import java.util.Set;

/**
 * A model that costs next to nothing: returns a prebuilt answer at once, or streams its prebuilt
 * chunks synchronously, so a benchmark measures the framework around it.
 */
final class InMemoryChatModel implements ChatModel, StreamingChatModel {

    private final List<String> chunks;
    private final ChatResponse response;

    InMemoryChatModel(List<String> chunks) {
        this.chunks = List.copyOf(chunks);
        this.response = ChatResponse.builder().aiMessage(AiMessage.from(String.join("", chunks))).build();
    }

    List<String> chunks() {
        return chunks;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return response;
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        for (String chunk : chunks) handler.onPartialResponse(chunk);
        handler.onCompleteResponse(response);
    }

    // defaults that both interfaces declare

    @Override
    public ChatRequestParameters defaultRequestParameters() {
        return ChatModel.super.defaultRequestParameters();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return List.of();
    }

    @Override
    public ModelProvider provider() {
        return ModelProvider.OTHER;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return Set.of();
    }
}
