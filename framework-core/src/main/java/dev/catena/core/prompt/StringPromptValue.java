package dev.catena.core.prompt;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;

import java.util.List;
import java.util.Objects;

/** A prompt that is one piece of text; as messages it is a single user message. */
public record StringPromptValue(String text) implements PromptValue {

    public StringPromptValue {
        Objects.requireNonNull(text, "text");
    }

    @Override
    public List<ChatMessage> toMessages() {
        return List.of(UserMessage.from(text));
    }

    @Override
    public String toText() {
        return text;
    }
}
