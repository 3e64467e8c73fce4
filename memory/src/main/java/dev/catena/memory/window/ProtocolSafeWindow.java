package dev.catena.memory.window;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.TokenCountEstimator;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a history to its newest part without breaking chat protocol: the cut always falls before
 * a user message (so a tool result never loses its tool call, nor a tool call its results, and
 * roles keep alternating), and the first system message is kept at the front.
 */
public final class ProtocolSafeWindow {
    private ProtocolSafeWindow() {}

    /** The newest messages, at most {@code maxMessages} in all (system message included). */
    public static List<ChatMessage> lastMessages(List<ChatMessage> history, int maxMessages) {
        if (maxMessages < 1) throw new IllegalArgumentException("maxMessages must be at least 1, was " + maxMessages);
        Split split = split(history);
        int budget = maxMessages - (split.system == null ? 0 : 1);
        int start = Math.max(0, split.rest.size() - Math.max(budget, 0));
        return join(split.system, split.rest, boundaryAtOrAfter(split.rest, start));
    }

    /** The newest messages whose estimated token count (system message included) is at most {@code maxTokens}. */
    public static List<ChatMessage> lastTokens(List<ChatMessage> history, int maxTokens, TokenCountEstimator estimator) {
        Split split = split(history);
        int used = split.system == null ? 0 : estimator.estimateTokenCountInMessage(split.system);
        int start = split.rest.size();
        for (int i = split.rest.size() - 1; i >= 0; i--) {
            used += estimator.estimateTokenCountInMessage(split.rest.get(i));
            if (used > maxTokens) break;
            start = i;
        }
        return join(split.system, split.rest, boundaryAtOrAfter(split.rest, start));
    }

    /** The index of the first user message at or after {@code start}, or {@code messages.size()}. */
    public static int boundaryAtOrAfter(List<ChatMessage> messages, int start) {
        int i = start;
        while (i < messages.size() && !(messages.get(i) instanceof UserMessage)) i++;
        return i;
    }

    /** The first system message, or null. */
    public static SystemMessage systemMessage(List<ChatMessage> history) {
        return split(history).system;
    }

    /** The history without system messages. */
    public static List<ChatMessage> withoutSystem(List<ChatMessage> history) {
        return split(history).rest;
    }

    private record Split(SystemMessage system, List<ChatMessage> rest) {}

    private static Split split(List<ChatMessage> history) {
        SystemMessage system = null;
        List<ChatMessage> rest = new ArrayList<>(history.size());
        for (ChatMessage m : history) {
            if (m instanceof SystemMessage s) {
                system = s; // the latest system message wins, as in LangChain4j's ChatMemory
            } else {
                rest.add(m);
            }
        }
        return new Split(system, rest);
    }

    private static List<ChatMessage> join(SystemMessage system, List<ChatMessage> rest, int from) {
        List<ChatMessage> out = new ArrayList<>(rest.size() - from + 1);
        if (system != null) out.add(system);
        out.addAll(rest.subList(from, rest.size()));
        return out;
    }
}
