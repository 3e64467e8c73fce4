package dev.catena.core.model;

import dev.langchain4j.model.ModelProvider;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;

import java.util.Objects;
import java.util.Set;

/**
 * A view of a chat model that does not offer {@link ConstrainedGeneration}: chains, parsers and agents treat it as
 * they treat a remote model (format instructions, then parsing). It opts a local model out of grammar-constrained
 * agent steps and output schemas, to compare the two or to avoid the constraint's cost. Requests go to the model
 * unchanged, so a request's own response format is still the model's to honour.
 */
public final class UnconstrainedChatModel implements ChatModel {

    private final ChatModel model;

    private UnconstrainedChatModel(ChatModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /** {@code model} without constrained generation; a model that has none is returned as it is. */
    public static ChatModel of(ChatModel model) {
        return model instanceof ConstrainedGeneration ? new UnconstrainedChatModel(model) : model;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        return model.chat(request);
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        return model.chat(request);
    }

    @Override
    public ModelProvider provider() {
        return model.provider();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return model.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "unconstrained " + model;
    }
}
