package dev.catena.samples.support;

import dev.catena.chains.router.EmbeddingRouter;
import dev.catena.core.model.OutputConstraint;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.embedding.EmbeddingModel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides a message's {@link Intent} in steps that suit a small model: an explicit request for a
 * person or an order number decides at once; then example sentences compared by embedding
 * similarity decide when one is close; only then is the model asked, with a few worked examples
 * as earlier turns, and its first word is used if it names an intent; otherwise the message is a
 * question. The model's guess is therefore never trusted over a confident match, and an answer
 * that is not an intent (a base model often continues the text instead) cannot break routing.
 */
public final class IntentRouter {

    static final Pattern ORDER_NUMBER = Pattern.compile("(?i)\\bBW-\\d{6}\\b");
    static final Pattern WANTS_HUMAN = Pattern.compile(
            "(?iu)\\b(human|real person|a person|an agent|representative|speak to someone|talk to someone)\\b|人工|真人|转接");

    /** The system line of the model's routing request (the rule-based stand-in recognises it). */
    static final String ROUTE_SYSTEM = "Reply with the intent of the customer's message: question, complaint or chitchat.";

    /** What a model that constrains its decoding may answer when asked to route: one of the three labels. */
    static final OutputConstraint LABELS = OutputConstraint.gbnf("root ::= \"question\" | \"complaint\" | \"chitchat\"");

    /** Worked examples; the question comes last, so that a small model leaning to the latest label leans to the safe one. */
    private static final List<String[]> SHOTS = List.of(
            new String[] {"This is terrible, my order arrived broken!", "complaint"},
            new String[] {"Hi, thanks a lot!", "chitchat"},
            new String[] {"How long does delivery take?", "question"});

    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "complaint", List.of("This is unacceptable", "I am very disappointed with your service", "My product broke and nobody helps me",
                    "Terrible experience, I am angry", "太差了，我很生气", "我要投诉"),
            "chitchat", List.of("hello", "hi there", "hello again", "thanks, bye", "thank you very much", "good morning", "你好", "谢谢"));

    private final ChatModel model;
    private final EmbeddingRouter examples;

    /** How the intent was decided, for logs and tests. */
    public enum Decision { RULE, EXAMPLES, MODEL, DEFAULT }

    /** The decided intent and how. */
    public record Routed(Intent intent, Decision decision) {}

    /**
     * @param model      asked when no rule or example decides (keep its output to a few tokens)
     * @param embeddings embeds the message and the example sentences
     * @param threshold  the cosine similarity from which an example decides
     */
    public IntentRouter(ChatModel model, EmbeddingModel embeddings, double threshold) {
        this.model = model;
        this.examples = EmbeddingRouter.of(embeddings, EXAMPLES, threshold, "message");
    }

    /** Routes one message. */
    public Routed route(String message) {
        if (WANTS_HUMAN.matcher(message).find()) return new Routed(Intent.HUMAN, Decision.RULE);
        if (ORDER_NUMBER.matcher(message).find()) return new Routed(Intent.ORDER, Decision.RULE);
        Optional<String> similar = examples.route(Map.of("message", message), EXAMPLES.keySet());
        if (similar.isPresent()) return new Routed(Intent.valueOf(similar.get().toUpperCase(Locale.ROOT)), Decision.EXAMPLES);
        Optional<Intent> asked = parse(model.chat(messages(message)).aiMessage().text());
        return asked.map(i -> new Routed(i, Decision.MODEL)).orElseGet(() -> new Routed(Intent.QUESTION, Decision.DEFAULT));
    }

    /** The routing request: a system line, worked examples as earlier turns, then the message. */
    static List<ChatMessage> messages(String message) {
        List<ChatMessage> m = new ArrayList<>();
        m.add(SystemMessage.from(ROUTE_SYSTEM));
        for (String[] shot : SHOTS) {
            m.add(UserMessage.from(shot[0]));
            m.add(AiMessage.from(shot[1]));
        }
        m.add(UserMessage.from(message));
        return m;
    }

    private static final Map<String, Intent> NAMES = new LinkedHashMap<>(Map.of(
            "question", Intent.QUESTION, "complaint", Intent.COMPLAINT, "chitchat", Intent.CHITCHAT));

    /** The intent named by the first word of the model's reply, if it names one. */
    static Optional<Intent> parse(String reply) {
        if (reply == null) return Optional.empty();
        String first = reply.strip().split("[\\s.,;:!?\"'`*]+", 2)[0].toLowerCase(Locale.ROOT);
        return Optional.ofNullable(NAMES.get(first));
    }
}
