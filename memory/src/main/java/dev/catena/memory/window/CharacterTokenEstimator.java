package dev.catena.memory.window;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;

/**
 * Estimates tokens from characters (about four per token for English, one per CJK character)
 * plus a few tokens of per-message overhead. For models whose tokenizer is not at hand.
 */
public final class CharacterTokenEstimator implements TokenCountEstimator {

    private static final int MESSAGE_OVERHEAD = 4;

    @Override
    public int estimateTokenCountInText(String text) {
        if (text == null || text.isEmpty()) return 0;
        int wide = 0;
        int narrow = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (Character.isIdeographic(cp) || cp > 0xFFFF) wide++; else narrow++;
            i += Character.charCount(cp);
        }
        return wide + (narrow + 3) / 4;
    }

    @Override
    public int estimateTokenCountInMessage(ChatMessage message) {
        String text = switch (message) {
            case UserMessage u -> u.hasSingleText() ? u.singleText() : u.contents().toString();
            case AiMessage a -> (a.text() == null ? "" : a.text()) + (a.hasToolExecutionRequests() ? a.toolExecutionRequests().toString() : "");
            case SystemMessage s -> s.text();
            case ToolExecutionResultMessage t -> t.text();
            default -> message.toString();
        };
        return MESSAGE_OVERHEAD + estimateTokenCountInText(text);
    }

    @Override
    public int estimateTokenCountInMessages(Iterable<ChatMessage> messages) {
        int sum = 0;
        for (ChatMessage m : messages) sum += estimateTokenCountInMessage(m);
        return sum;
    }
}
