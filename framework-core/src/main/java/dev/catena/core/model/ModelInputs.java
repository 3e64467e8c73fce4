package dev.catena.core.model;

import dev.catena.core.prompt.PromptValue;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.util.ArrayList;
import java.util.List;

/** Turns what a model step receives (text, messages, a prompt value, a request) into a {@link ChatRequest}. */
public final class ModelInputs {
    private ModelInputs() {}

    /**
     * Accepts a {@link ChatRequest}, a {@link PromptValue}, a {@link ChatMessage}, a list of
     * messages or a {@link CharSequence} (sent as one user message).
     */
    public static ChatRequest toRequest(Object input) {
        return switch (input) {
            case ChatRequest r -> r;
            case PromptValue p -> ChatRequest.builder().messages(p.toMessages()).build();
            case ChatMessage m -> ChatRequest.builder().messages(m).build();
            case CharSequence s -> ChatRequest.builder().messages(UserMessage.from(s.toString())).build();
            case List<?> list -> ChatRequest.builder().messages(messages(list)).build();
            case null -> throw new IllegalArgumentException("A model step got null input; expected text, messages, a prompt value or a ChatRequest");
            default -> throw new IllegalArgumentException("A model step cannot take input of type "
                    + input.getClass().getName() + "; expected text, messages, a prompt value or a ChatRequest");
        };
    }

    private static List<ChatMessage> messages(List<?> list) {
        List<ChatMessage> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof ChatMessage m)) {
                throw new IllegalArgumentException("A model step got a list whose element " + i + " is "
                        + (list.get(i) == null ? "null" : list.get(i).getClass().getName()) + ", not a ChatMessage");
            }
            out.add(m);
        }
        return out;
    }
}
