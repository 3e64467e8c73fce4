package dev.catena.openai;

import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;
import dev.langchain4j.model.chat.ChatModel;

/**
 * Registers {@code type: openai-compatible} (kind Model) for Catena YAML files. The API key is read
 * through {@link ComponentContext#env}, so only allow-listed variables are used.
 */
public final class OpenAiCompatibleModelType implements ComponentType<OpenAiCompatibleModelSpec, ChatModel> {

    @Override public String kind() { return "Model"; }

    @Override public String type() { return "openai-compatible"; }

    @Override public Class<OpenAiCompatibleModelSpec> specClass() { return OpenAiCompatibleModelSpec.class; }

    @Override public Class<ChatModel> productClass() { return ChatModel.class; }

    @Override public String description() {
        return "A chat model on an OpenAI-compatible server (OpenAI, vLLM, TGI, Ollama, llama.cpp server, LM Studio)";
    }

    @Override
    public ChatModel create(OpenAiCompatibleModelSpec spec, ComponentContext context) {
        return OpenAiCompatibleChatModel.create(spec.toConfig(), context::env);
    }
}
