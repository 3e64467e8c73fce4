package dev.catena.llm.template;

import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * A model with named templates (GGUF {@code tokenizer.chat_template} plus {@code tokenizer.chat_template.tool_use},
 * as Hermes and Command R ship them): renders with the {@code tool_use} template when tools are given, else with
 * the default one, as transformers' {@code apply_chat_template} chooses. Stop strings are those of both.
 */
record ToolUseChatTemplate(ChatTemplate standard, ChatTemplate toolUse) implements ChatTemplate {

    ToolUseChatTemplate {
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(toolUse, "toolUse");
    }

    @Override
    public String render(List<ChatMessage> messages, List<ToolSpecification> tools, boolean addGenerationPrompt) {
        return (tools == null || tools.isEmpty() ? standard : toolUse).render(messages, tools, addGenerationPrompt);
    }

    @Override
    public List<String> stopStrings() {
        LinkedHashSet<String> stops = new LinkedHashSet<>(standard.stopStrings());
        stops.addAll(toolUse.stopStrings());
        return List.copyOf(stops);
    }
}
