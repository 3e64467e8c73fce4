package dev.catena.samples.support;

import dev.catena.chains.router.EmbeddingRouter;
import dev.catena.retrievers.lucene.analysis.ScriptAnalyzers;
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
 * person or an order number decides at once; then English example sentences compared by embedding
 * similarity decide when one is close (not for a Chinese, Japanese or Korean message); only then is the model asked, in the words of its
 * {@link PromptStyle}, with worked examples as earlier turns, and its first word is used if it
 * names one of the five labels; otherwise the message is a question. A model that can constrain
 * its decoding may be held to the labels ({@link #LABELS}). The model's "order" counts only with
 * an order number in the message (without one the knowledge base answers it as a question). The
 * model's guess is therefore never trusted over a confident match, and an answer that is not a
 * label (a base model often continues the text instead) cannot break routing.
 */
public final class IntentRouter {

    static final Pattern ORDER_NUMBER = Pattern.compile("(?i)\\bBW-\\d{6}\\b");
    static final Pattern WANTS_HUMAN = Pattern.compile(
            "(?iu)\\b(human|real person|a person|an agent|representative|speak to someone|talk to someone)\\b|人工|真人|转接");

    /** The last line of every routing request's system message (the rule-based stand-in recognises it). */
    static final String LABEL_LINE = "Labels: question, complaint, order, chitchat, human.";

    /**
     * What a model that constrains its decoding may answer when asked to route: one of the five labels,
     * after an optional space (a transcript's "Assistant:" is followed by one, so a base model's likely
     * first tokens carry it; without it the mask would leave the model only unlikely tokens).
     */
    static final OutputConstraint LABELS = OutputConstraint.gbnf(
            "root ::= \" \"? (\"question\" | \"complaint\" | \"order\" | \"chitchat\" | \"human\")");

    /**
     * Worked examples, one or two per label, in English and Chinese; questions come last, so that a small
     * model leaning to the latest label leans to the safe one.
     */
    private static final List<String[]> SHOTS = List.of(
            new String[] {"This is terrible, my order arrived broken!", "complaint"},
            new String[] {"Hi, thanks a lot!", "chitchat"},
            new String[] {"Where is my order BW-123456?", "order"},
            new String[] {"I want to speak to an agent.", "human"},
            new String[] {"你们周末营业吗？", "question"},
            new String[] {"How long does delivery take?", "question"});

    /** Example sentences compared by MiniLM, an English model: a message in a CJK script skips them (see {@link #route}). */
    private static final Map<String, List<String>> EXAMPLES = Map.of(
            "complaint", List.of("This is unacceptable", "I am very disappointed with your service", "My product broke and nobody helps me",
                    "Terrible experience, I am angry"),
            "chitchat", List.of("hello", "hi there", "hello again", "thanks, bye", "thank you very much", "good morning"));

    private final ChatModel model;
    private final PromptStyle style;
    private final EmbeddingRouter examples;

    /** How the intent was decided, for logs and tests. */
    public enum Decision { RULE, EXAMPLES, MODEL, DEFAULT }

    /** The decided intent and how. */
    public record Routed(Intent intent, Decision decision) {}

    /**
     * @param model      asked when no rule or example decides (keep its output to a few tokens)
     * @param style      how the request is worded for this model
     * @param embeddings embeds the message and the example sentences
     * @param threshold  the cosine similarity from which an example decides
     */
    public IntentRouter(ChatModel model, PromptStyle style, EmbeddingModel embeddings, double threshold) {
        this.model = model;
        this.style = style;
        this.examples = EmbeddingRouter.of(embeddings, EXAMPLES, threshold, "message");
    }

    /** Routes one message. */
    public Routed route(String message) {
        if (WANTS_HUMAN.matcher(message).find()) return new Routed(Intent.HUMAN, Decision.RULE);
        if (ORDER_NUMBER.matcher(message).find()) return new Routed(Intent.ORDER, Decision.RULE);
        // MiniLM finds any two Chinese sentences alike (it routed Chinese questions to the greetings "你好" and "谢谢"),
        // so a message in a CJK script goes to the model, as the knowledge base answers it by BM25 alone.
        Optional<String> similar = ScriptAnalyzers.detect(message) == ScriptAnalyzers.Script.OTHER
                ? examples.route(Map.of("message", message), EXAMPLES.keySet()) : Optional.empty();
        if (similar.isPresent()) return new Routed(Intent.valueOf(similar.get().toUpperCase(Locale.ROOT)), Decision.EXAMPLES);
        Optional<Intent> asked = parse(model.chat(messages(style, message)).aiMessage().text());
        // "order" without an order number (the rule above catches those) is a general question about orders.
        return asked.map(i -> new Routed(i == Intent.ORDER ? Intent.QUESTION : i, Decision.MODEL))
                .orElseGet(() -> new Routed(Intent.QUESTION, Decision.DEFAULT));
    }

    /** The routing request: the style's system message, worked examples as earlier turns, then the message. */
    static List<ChatMessage> messages(PromptStyle style, String message) {
        List<ChatMessage> m = new ArrayList<>();
        m.add(SystemMessage.from(style.routeSystem()));
        for (String[] shot : SHOTS) {
            m.add(UserMessage.from(shot[0]));
            m.add(AiMessage.from(shot[1]));
        }
        m.add(UserMessage.from(message));
        return m;
    }

    private static final Map<String, Intent> NAMES = new LinkedHashMap<>(Map.of(
            "question", Intent.QUESTION, "complaint", Intent.COMPLAINT, "order", Intent.ORDER, "chitchat", Intent.CHITCHAT,
            "human", Intent.HUMAN));

    /** The intent named by the first word of the model's reply, if it names one of the labels. */
    static Optional<Intent> parse(String reply) {
        if (reply == null) return Optional.empty();
        String first = reply.strip().split("[\\s.,;:!?\"'`*]+", 2)[0].toLowerCase(Locale.ROOT);
        return Optional.ofNullable(NAMES.get(first));
    }
}
