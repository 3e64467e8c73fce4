package dev.catena.openai;

import dev.catena.core.component.ComponentContext;
import dev.catena.core.component.ComponentType;

/**
 * Registers {@code type: openai-compatible} (kind Model) for Catena YAML files. The API key is read
 * through {@link ComponentContext#env}, so only allow-listed variables are used.
 */
public final class OpenAiCompatibleModelType implements ComponentType<OpenAiCompatibleModelSpec, OpenAiCompatibleChatModel> {

    @Override public String kind() { return "Model"; }

    @Override public String type() { return "openai-compatible"; }

    @Override public Class<OpenAiCompatibleModelSpec> specClass() { return OpenAiCompatibleModelSpec.class; }

    @Override public Class<OpenAiCompatibleChatModel> productClass() { return OpenAiCompatibleChatModel.class; }

    @Override public String description() {
        return "A chat model on an OpenAI-compatible server (OpenAI, vLLM, TGI, Ollama, llama.cpp server, LM Studio)";
    }

    @Override
    public OpenAiCompatibleChatModel create(OpenAiCompatibleModelSpec spec, ComponentContext context) {
        return OpenAiCompatibleChatModel.create(spec.toConfig(), context::env);
    }
}
