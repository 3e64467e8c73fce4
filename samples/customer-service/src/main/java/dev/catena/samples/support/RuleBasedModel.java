package dev.catena.samples.support;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.data.message.AiMessage;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NOT a language model: used by the tests and by the offline demo until a real model is configured.
 * A deterministic stand-in for an LLM that plays each role of the support pipeline by rules, so
 * tests can drive every route: routing by keywords (when the example sentences did not decide), answers copied from the context, YES/NO
 * verification (NO when the answer mentions the moon), and the ReAct order lookup.
 */
public final class RuleBasedModel implements ChatModel, StreamingChatModel {

    /** Every request received, for assertions. */
    public final List<ChatRequest> requests = new CopyOnWriteArrayList<>();

    @Override
    public ChatResponse doChat(ChatRequest request) {
        requests.add(request);
        return ChatResponse.builder().aiMessage(AiMessage.from(answer(request))).build();
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        requests.add(request);
        String text = answer(request);
        for (String piece : text.split("(?<= )")) handler.onPartialResponse(piece);
        handler.onCompleteResponse(ChatResponse.builder().aiMessage(AiMessage.from(text)).build());
    }

    @Override
    public java.util.Set<dev.langchain4j.model.chat.Capability> supportedCapabilities() {
        return java.util.Set.of();
    }

    @Override
    public dev.langchain4j.model.chat.request.ChatRequestParameters defaultRequestParameters() {
        return ChatModel.super.defaultRequestParameters();
    }

    @Override
    public java.util.List<dev.langchain4j.model.chat.listener.ChatModelListener> listeners() {
        return java.util.List.of();
    }

    @Override
    public dev.langchain4j.model.ModelProvider provider() {
        return dev.langchain4j.model.ModelProvider.OTHER;
    }

    private static String answer(ChatRequest request) {
        List<ChatMessage> messages = request.messages();
        String system = messages.getFirst() instanceof SystemMessage s ? s.text() : "";
        String last = text(messages.getLast());
        if (system.endsWith(IntentRouter.LABEL_LINE)) {
            String input = last.toLowerCase();
            if (input.matches("(?s).*\\b(hello|hi|thanks|thank you)\\b.*")) return "chitchat";
            if (input.matches("(?s).*\\b(terrible|angry|unacceptable|disappointed)\\b.*")) return "complaint";
            return "question";
        }
        if (last.contains("Reply with YES or NO only.")) {
            String answer = last.substring(last.indexOf("Answer:"));
            return answer.toLowerCase().contains("moon") ? "NO" : "YES";
        }
        if (system.contains("Action Input")) {
            for (ChatMessage m : messages) {
                String t = text(m);
                if (t.startsWith("Observation:")) {
                    Matcher status = Pattern.compile("Order (BW-\\d{6}): ([^<]*)").matcher(t);
                    return "Thought: I now know the final answer\nFinal Answer: " + (status.find()
                            ? "Your order " + status.group(1) + " is " + status.group(2).strip() : "I could not find it.");
                }
            }
            Matcher number = SupportBot.ORDER_NUMBER.matcher(last);
            String order = number.find() ? number.group().toUpperCase() : "BW-000000";
            return "Thought: I need the order status.\nAction: lookupOrder\nAction Input: {\"orderNumber\": \"" + order + "\"}";
        }
        if (system.contains("<context>")) {
            if (last.toLowerCase().contains("moon")) return "The moon is made of cheese.";
            String context = system.substring(system.indexOf("<context>\n") + 10, system.lastIndexOf("</context>"));
            java.util.Set<String> words = new java.util.HashSet<>(java.util.Arrays.stream(last.toLowerCase().split("\\W+")).filter(w -> w.length() > 3).toList());
            String best = null;
            long bestOverlap = -1;
            for (String line : context.split("\n")) {
                String l = line.replaceFirst("^\\[[^]]+] ", "").strip();
                if (l.isEmpty() || l.startsWith("#") || !l.matches(".*\\d.*")) continue;
                long overlap = java.util.Arrays.stream(l.toLowerCase().split("\\W+")).filter(words::contains).count();
                if (overlap > bestOverlap) {
                    bestOverlap = overlap;
                    best = l.replace("**", "");
                }
            }
            if (best != null) return best;
            return "I do not know.";
        }
        if (system.contains("The customer is unhappy")) return "I am sorry to hear that. A colleague will follow up within 3 business days.";
        return "Hello! How can I help you today? (I remember " + (messages.size() - 2) + " earlier messages.)";
    }

    private static String text(ChatMessage m) {
        return switch (m) {
            case UserMessage u -> u.singleText();
            case SystemMessage s -> s.text();
            case AiMessage a -> a.text() == null ? "" : a.text();
            default -> m.toString();
        };
    }
}
