package dev.catena.core.prompt;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.List;
import java.util.stream.Collectors;

/** A prompt that is a list of chat messages; as text each message is a "Role: text" line. */
public record ChatPromptValue(List<ChatMessage> messages) implements PromptValue {

    public ChatPromptValue {
        messages = List.copyOf(messages);
    }

    @Override
    public List<ChatMessage> toMessages() {
        return messages;
    }

    @Override
    public String toText() {
        return messages.stream().map(ChatPromptValue::line).collect(Collectors.joining("\n"));
    }

    private static String line(ChatMessage m) {
        return switch (m) {
            case SystemMessage s -> "System: " + s.text();
            case UserMessage u -> "Human: " + (u.hasSingleText() ? u.singleText() : u.contents().toString());
            case AiMessage a -> "AI: " + (a.text() != null ? a.text() : a.toolExecutionRequests().toString());
            case ToolExecutionResultMessage t -> "Tool: " + t.text();
            default -> m.type() + ": " + m;
        };
    }
}
