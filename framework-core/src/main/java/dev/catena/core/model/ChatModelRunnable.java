package dev.catena.core.model;

import dev.catena.core.runnable.PushStream;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;
import dev.catena.core.runnable.Runnable;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;

import java.util.Objects;

/**
 * A LangChain4j chat model as a step: input is text, messages, a prompt value or a request; output
 * is the {@link AiMessage}. When a streaming model is given, {@link #stream} emits text deltas as
 * they arrive (each an {@code AiMessage}), then the complete message if it carries tool calls.
 */
public final class ChatModelRunnable implements Runnable<Object, AiMessage> {

    private final ChatModel model;
    private final StreamingChatModel streamingModel;

    private ChatModelRunnable(ChatModel model, StreamingChatModel streamingModel) {
        if (model == null && streamingModel == null) throw new IllegalArgumentException("a model is required");
        this.model = model;
        this.streamingModel = streamingModel;
    }

    /** A step over a blocking model. */
    public static ChatModelRunnable of(ChatModel model) {
        return new ChatModelRunnable(Objects.requireNonNull(model, "model"),
                model instanceof StreamingChatModel s ? s : null);
    }

    /** A step over a streaming model (blocking calls collect the stream). */
    public static ChatModelRunnable of(StreamingChatModel model) {
        return new ChatModelRunnable(model instanceof ChatModel c ? c : null, Objects.requireNonNull(model, "model"));
    }

    /** A step over a model that has both a blocking and a streaming form. */
    public static ChatModelRunnable of(ChatModel model, StreamingChatModel streamingModel) {
        return new ChatModelRunnable(model, streamingModel);
    }

    @Override
    public String name() {
        Object m = model != null ? model : streamingModel;
        return "ChatModel<" + m.getClass().getSimpleName() + ">";
    }

    @Override
    public AiMessage doInvoke(Object input, RunContext run) {
        if (model == null) {
            try (RunStream<AiMessage> s = doStream(input, run)) {
                return s.collect();
            }
        }
        ChatRequest request = ModelInputs.toRequest(input);
        run.event(ModelEvents.REQUEST, new ModelEvents.Request(providerName(model.provider()), request));
        ChatResponse response = model.chat(request);
        run.event(ModelEvents.RESPONSE, new ModelEvents.Response(response));
        return response.aiMessage();
    }

    @Override
    public RunStream<AiMessage> doStream(Object input, RunContext run) {
        if (streamingModel == null) return RunStream.of(doInvoke(input, run));
        PushStream<AiMessage> out = new PushStream<>();
        ChatRequest request = ModelInputs.toRequest(input);
        run.event(ModelEvents.REQUEST, new ModelEvents.Request(providerName(streamingModel.provider()), request));
        streamingModel.chat(request, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                if (out.isCancelled()) throw new dev.catena.core.runnable.StreamCancelledException("consumer closed the stream", null);
                run.token(partial);
                out.emit(AiMessage.from(partial));
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                run.event(ModelEvents.RESPONSE, new ModelEvents.Response(response));
                if (response.aiMessage().hasToolExecutionRequests()) out.emit(response.aiMessage());
                out.complete();
            }

            @Override
            public void onError(Throwable error) {
                out.fail(error);
            }
        });
        return out;
    }

    private static String providerName(ModelProvider provider) {
        return provider == null ? "other" : provider.name().toLowerCase(java.util.Locale.ROOT);
    }
}
