package dev.catena.memory;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.List;

/** Renders messages as a plain transcript ("User: …", "Assistant: …") for summarizers and indexes. */
public final class Transcript {
    private Transcript() {}

    public static String render(List<? extends ChatMessage> messages) {
        StringBuilder sb = new StringBuilder();
        for (ChatMessage m : messages) {
            String line = line(m);
            if (line == null) continue;
            if (!sb.isEmpty()) sb.append('\n');
            sb.append(line);
        }
        return sb.toString();
    }

    private static String line(ChatMessage m) {
        return switch (m) {
            case UserMessage u -> "User: " + (u.hasSingleText() ? u.singleText() : u.contents().toString());
            case AiMessage a when a.hasToolExecutionRequests() -> "Assistant called tools: " + a.toolExecutionRequests().stream()
                    .map(r -> r.name() + "(" + r.arguments() + ")").toList()
                    + (a.text() == null || a.text().isBlank() ? "" : " and said: " + a.text());
            case AiMessage a -> "Assistant: " + a.text();
            case ToolExecutionResultMessage t -> "Tool " + t.toolName() + " returned: " + t.text();
            case SystemMessage s -> null;
            default -> m.toString();
        };
    }
}
