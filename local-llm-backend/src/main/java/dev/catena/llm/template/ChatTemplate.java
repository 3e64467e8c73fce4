package dev.catena.llm.template;

import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.tokenizer.Tokenizer;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import java.util.List;

/** Renders a conversation (and tool definitions) into the prompt text a chat model was trained on. */
public interface ChatTemplate {

    /**
     * The template of a GGUF file: {@code tokenizer.chat_template} rendered by a sandboxed Jinja
     * engine, or, when the file has none, a known format chosen by {@code general.architecture}
     * (Gemma, Llama 3, else ChatML).
     */
    static ChatTemplate fromGguf(GgufMetadata metadata, Tokenizer tokenizer) {
        return ChatTemplates.fromGguf(metadata, tokenizer);
    }

    /**
     * Renders messages.
     *
     * @param tools               tool definitions for templates that support them (may be empty)
     * @param addGenerationPrompt end with the header that starts the assistant's turn
     */
    String render(List<ChatMessage> messages, List<ToolSpecification> tools, boolean addGenerationPrompt);

    /** Strings that end the assistant's turn in this format (e.g. {@code <end_of_turn>}, {@code <|im_end|>}). */
    List<String> stopStrings();
}
