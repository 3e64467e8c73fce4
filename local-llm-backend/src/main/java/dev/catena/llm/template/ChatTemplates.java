package dev.catena.llm.template;

import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.tokenizer.Tokenizer;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.List;

/** Chooses the chat template of a model. INTERIM: ChatML only, until the Jinja renderer lands. */
final class ChatTemplates {

    private ChatTemplates() {
    }

    static ChatTemplate fromGguf(GgufMetadata metadata, Tokenizer tokenizer) {
        return new ChatTemplate() {
            @Override
            public String render(List<ChatMessage> messages, List<ToolSpecification> tools, boolean addGenerationPrompt) {
                StringBuilder sb = new StringBuilder();
                for (ChatMessage m : messages) {
                    String role = switch (m) {
                        case SystemMessage s -> "system";
                        case UserMessage u -> "user";
                        case AiMessage a -> "assistant";
                        case ToolExecutionResultMessage t -> "tool";
                        default -> "user";
                    };
                    String text = switch (m) {
                        case SystemMessage s -> s.text();
                        case UserMessage u -> u.singleText();
                        case AiMessage a -> a.text() == null ? "" : a.text();
                        case ToolExecutionResultMessage t -> t.text();
                        default -> m.toString();
                    };
                    sb.append("<|im_start|>").append(role).append('\n').append(text).append("<|im_end|>\n");
                }
                if (addGenerationPrompt) {
                    sb.append("<|im_start|>assistant\n");
                }
                return sb.toString();
            }

            @Override
            public List<String> stopStrings() {
                return List.of("<|im_end|>");
            }
        };
    }
}
