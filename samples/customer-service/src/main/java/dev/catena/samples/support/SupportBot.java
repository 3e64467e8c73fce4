package dev.catena.samples.support;

import dev.catena.agents.AgentLimits;
import dev.catena.agents.AgentResult;
import dev.catena.agents.react.ReActAgent;
import dev.catena.agents.tool.Tools;
import dev.catena.chains.llm.LlmChain;
import dev.catena.chains.memory.ConversationChain;
import dev.catena.core.memory.ConversationMemory;
import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.parser.BooleanOutputParser;
import dev.catena.core.parser.OutputParserException;
import dev.catena.core.prompt.ChatPromptTemplate;
import dev.catena.core.prompt.PromptTemplate;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunStream;
import dev.catena.quarkus.runtime.CatenaRuntime;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The customer-service pipeline: route the message to an intent, then answer from the knowledge
 * base (and verify the answer against its sources), look up an order through a tool, handle a
 * complaint, chat, or hand the conversation to a person. Every turn goes into the conversation's
 * memory, so follow-up questions see the earlier ones.
 *
 * <p>It is built to stay useful on a tiny local model (SmolLM2-135M-Instruct by default; Gemma 3 270M, a
 * base model, also works): each model call
 * has a token cap, stop strings and a time limit ({@link BoundedModel}); prompts are short and
 * carry only the best passages, cut to a few hundred characters; routing decides by rules and
 * example sentences before it asks the model ({@link IntentRouter}); an answer counts as verified
 * only when the model says YES (or gives no verdict), enough of it and every figure in it are found
 * in the passages ({@link Grounding}); an unverified answer is replaced by the statement of the passages that answers
 * the question word for word ({@link AnswerExtraction}), or by a hand-off when no statement does; an
 * order lookup the agent does not finish is made directly through the same tool. Requests are worded
 * for the model's family ({@link PromptStyle}: an instruction-tuned model's chat template or a base
 * model's transcript).
 */
@ApplicationScoped
public class SupportBot {

    private static final Logger LOG = Logger.getLogger(SupportBot.class);

    static final Pattern ORDER_NUMBER = IntentRouter.ORDER_NUMBER;

    static final String VERIFY = """
            Context: {context}
            Answer: {answer}
            Is the answer supported by the context? Reply with YES or NO only.""";
    static final String CHITCHAT_SYSTEM = """
            You are Brightway's friendly customer-service assistant. Reply in one short, polite sentence.""";
    static final String COMPLAINT_SYSTEM = """
            You are Brightway's customer-service assistant. The customer is unhappy. Apologise in one sentence \
            and say that a colleague from customer care will follow up within 3 business days.""";

    @Inject
    CatenaRuntime catena;

    @Inject
    ConversationMemory memory;

    @Inject
    KnowledgeBase knowledgeBase;

    @Inject
    OrderService orders;

    @Inject
    HandoffDesk desk;

    @ConfigProperty(name = "support.model", defaultValue = "local")
    String modelName;

    /**
     * How requests are worded: {@code chat} (an instruction-tuned model's own template), {@code transcript}
     * (a base model), or {@code auto}: {@code transcript} when the model's {@code chat-template} is.
     */
    @ConfigProperty(name = "support.prompt-style", defaultValue = "auto")
    String promptStyle;

    /** Most tokens of a knowledge-base answer. */
    @ConfigProperty(name = "support.answer-max-tokens", defaultValue = "64")
    int answerMaxTokens;

    /** Most tokens of a chit-chat or complaint reply. */
    @ConfigProperty(name = "support.reply-max-tokens", defaultValue = "40")
    int replyMaxTokens;

    /** Time limit of one model call (routing, answer, verification, each agent turn). */
    @ConfigProperty(name = "support.call-timeout", defaultValue = "90s")
    Duration callTimeout;

    /** Passages put in the answer's prompt, and the characters kept of each. */
    @ConfigProperty(name = "support.prompt-passages", defaultValue = "2")
    int promptPassages;

    @ConfigProperty(name = "support.passage-chars", defaultValue = "500")
    int passageChars;

    /** Share of an answer's terms that must be found in its passages when the model gives no verdict. */
    @ConfigProperty(name = "support.min-grounding", defaultValue = "0.6")
    double minGrounding;

    /** Share of an answer's terms that must be found in its passages even when the model says YES. */
    @ConfigProperty(name = "support.min-grounding-with-yes", defaultValue = "0.35")
    double minGroundingWithYes;

    /** Share of a question's term weight an extracted statement must hold to stand in for an unverified answer ({@link AnswerExtraction#DEFAULT_MIN_SHARE}). */
    @ConfigProperty(name = "support.min-extract-share", defaultValue = "0.25")
    double minExtractShare;

    /**
     * Whether the help page's statement that answers the question ({@link AnswerExtraction}) is preferred to the
     * model's own answer; off, the model's answer is used when it passes verification and the statement only
     * replaces an unverified one.
     */
    @ConfigProperty(name = "support.prefer-page-statement", defaultValue = "false")
    boolean preferPageStatement;

    /** Cosine similarity from which an example sentence decides the intent without asking the model. */
    @ConfigProperty(name = "support.route-similarity", defaultValue = "0.62")
    double routeSimilarity;

    /**
     * Whether a model that can constrain its decoding routes under the five-label grammar ({@link IntentRouter#LABELS}).
     * On the labelled questions SmolLM2-135M answered as many correctly either way (38 of 49) and never failed to
     * name a label under the grammar (BENCHMARKS.md).
     */
    @ConfigProperty(name = "support.route-constrained", defaultValue = "true")
    boolean routeConstrained;

    private PromptStyle style = PromptStyle.CHAT;

    private volatile Pipeline pipeline;

    /** The chains, built once on first use from the configured model. */
    private record Pipeline(ChatModel model, IntentRouter router, ConversationChain<Object> answer, LlmChain verify,
                            ConversationChain<Object> chitchat, ConversationChain<Object> complaint, ReActAgent orderAgent) {}

    /**
     * A bot outside a container (for tests and tools): {@code model} plays every role, with the
     * given budgets and this class's default thresholds.
     */
    static SupportBot standalone(ChatModel model, ConversationMemory memory, KnowledgeBase knowledgeBase, HandoffDesk desk,
                                 int answerMaxTokens, int passageChars, Duration callTimeout) {
        return standalone(model, memory, knowledgeBase, desk, answerMaxTokens, passageChars, callTimeout, false);
    }

    /** As above; {@code routeConstrained} as {@code support.route-constrained}, requests worded in {@code style}. */
    static SupportBot standalone(ChatModel model, ConversationMemory memory, KnowledgeBase knowledgeBase, HandoffDesk desk,
                                 int answerMaxTokens, int passageChars, Duration callTimeout, boolean routeConstrained) {
        return standalone(model, PromptStyle.CHAT, memory, knowledgeBase, desk, answerMaxTokens, passageChars, callTimeout,
                routeConstrained);
    }

    /** As above, with the requests worded in {@code style}. */
    static SupportBot standalone(ChatModel model, PromptStyle style, ConversationMemory memory, KnowledgeBase knowledgeBase,
                                 HandoffDesk desk, int answerMaxTokens, int passageChars, Duration callTimeout,
                                 boolean routeConstrained) {
        SupportBot bot = new SupportBot();
        bot.routeConstrained = routeConstrained;
        bot.style = style;
        bot.memory = memory;
        bot.knowledgeBase = knowledgeBase;
        bot.orders = new OrderService();
        bot.desk = desk;
        bot.answerMaxTokens = answerMaxTokens;
        bot.replyMaxTokens = answerMaxTokens;
        bot.callTimeout = callTimeout;
        bot.promptPassages = 1;
        bot.passageChars = passageChars;
        bot.minGrounding = 0.6;
        bot.minGroundingWithYes = 0.35;
        bot.minExtractShare = AnswerExtraction.DEFAULT_MIN_SHARE;
        bot.routeSimilarity = 0.62;
        bot.pipeline = bot.build(model);
        return bot;
    }

    /** This bot with {@code support.prefer-page-statement} set to {@code prefer} (for tools and tests). */
    SupportBot preferringPageStatement(boolean prefer) {
        this.preferPageStatement = prefer;
        return this;
    }

    /** How {@code message} is routed (the first step of {@link #reply}), for tools that measure routing alone. */
    IntentRouter.Routed route(String message) {
        return pipeline().router().route(message);
    }

    /** Answers one message. */
    public BotReply reply(String conversationId, String message) {
        return reply(conversationId, message, token -> {});
    }

    /** Answers one message, passing the answer's text to {@code onToken} as it is generated. */
    public BotReply reply(String conversationId, String message, Consumer<String> onToken) {
        if (conversationId == null || conversationId.isBlank()) throw new BadChatRequest("'conversationId' is required");
        if (message == null || message.isBlank()) throw new BadChatRequest("'message' is required");
        Pipeline p = pipeline();
        IntentRouter.Routed routed = p.router().route(message);
        LOG.debugf("Conversation %s: intent %s (%s)", conversationId, routed.intent(), routed.decision());
        return handle(p, conversationId, message, routed.intent(), onToken);
    }

    /** Answers {@code message} as {@code intent}, without routing it (for tools that route separately, see {@link #route}). */
    BotReply reply(String conversationId, String message, Intent intent) {
        return handle(pipeline(), conversationId, message, intent, token -> {});
    }

    private BotReply handle(Pipeline p, String conversationId, String message, Intent intent, Consumer<String> onToken) {
        return switch (intent) {
            case HUMAN -> handoff(conversationId, message, intent, "the customer asked for a person",
                    "I am handing you over to a colleague. ", onToken);
            case QUESTION -> answer(p, conversationId, message, onToken);
            case ORDER -> order(p, conversationId, message, onToken);
            case COMPLAINT -> {
                String text = run(p.complaint(), conversationId, message, Map.of(), onToken);
                Handoff h = desk.open(conversationId, "complaint", message);
                if (text.isBlank()) {
                    text = "I am sorry about this. A colleague from customer care will follow up within 3 business days.";
                    onToken.accept(text);
                }
                yield new BotReply(conversationId, intent, text, List.of(), true, h.ticket());
            }
            case CHITCHAT -> {
                String text = run(p.chitchat(), conversationId, message, Map.of(), onToken);
                if (text.isBlank()) {
                    text = "Hello! Ask me about orders, shipping, returns or our products.";
                    onToken.accept(text);
                }
                yield new BotReply(conversationId, intent, text, List.of(), true, null);
            }
        };
    }

    private BotReply answer(Pipeline p, String conversationId, String question, Consumer<String> onToken) {
        List<Source> sources = knowledgeBase.search(question, 4);
        if (sources.isEmpty()) {
            return handoff(conversationId, question, Intent.QUESTION, "no knowledge-base passage matches the question",
                    "I could not find this in our help pages, so I am handing you over to a colleague. ", onToken);
        }
        String context = sources.stream().limit(promptPassages)
                .map(s -> "[" + s.file() + "] " + clip(s.text(), passageChars)).collect(Collectors.joining("\n\n"));
        String answer = run(p.answer(), conversationId, question, Map.of("context", context), onToken);
        List<Source> shown = sources.stream().limit(promptPassages).toList();
        if (preferPageStatement) {
            Optional<BotReply> quoted = quote(conversationId, question, answer, shown, sources, onToken);
            if (quoted.isPresent()) return quoted.get();
        }
        double grounding = Grounding.score(answer, sources);
        // Below the lower threshold no verdict can make the answer count, so the model is not asked.
        Optional<Boolean> verdict = grounding < minGroundingWithYes ? Optional.empty() : verdict(p, context, answer);
        boolean supported = verdict.map(yes -> yes && grounding >= minGroundingWithYes).orElse(grounding >= minGrounding)
                && Grounding.numbersFound(answer, sources);
        LOG.debugf("Conversation %s: verdict %s, grounding %.2f", conversationId, verdict, grounding);
        if (supported) return new BotReply(conversationId, Intent.QUESTION, answer, sources, true, null);
        if (!preferPageStatement) {
            Optional<BotReply> quoted = quote(conversationId, question, answer, shown, sources, onToken);
            if (quoted.isPresent()) return quoted.get();
        }
        String reason = "the answer could not be verified against the knowledge base (model verdict "
                + verdict.map(v -> v ? "YES" : "NO").orElse("none") + String.format(Locale.ROOT, ", grounding %.2f)", grounding);
        Handoff h = desk.open(conversationId, reason, question);
        onToken.accept("\n\n[Not confirmed by our help pages: a colleague will check it, ticket " + h.ticket() + ".]");
        Source best = sources.getFirst();
        String text = "I could not confirm an answer from our help pages, so a colleague will get back to you (ticket "
                + h.ticket() + "). The most relevant page is \"" + best.title() + "\" (" + best.file() + ").";
        return new BotReply(conversationId, Intent.QUESTION, text, sources, false, h.ticket());
    }

    /** The reply made of the statement of {@code shown} that answers {@code question}, if one does. */
    private Optional<BotReply> quote(String conversationId, String question, String answer, List<Source> shown, List<Source> sources,
                                     Consumer<String> onToken) {
        return AnswerExtraction.best(question, answer, shown, minExtractShare).map(extract -> {
            LOG.debugf("Conversation %s: answered from %s (%.2f of the question's terms)", conversationId, extract.source().file(),
                    extract.share());
            onToken.accept("\n\n[From our help page \"" + extract.source().title() + "\": " + extract.text() + "]");
            return new BotReply(conversationId, Intent.QUESTION, extract.text(), sources, true, null);
        });
    }

    /** The model's YES/NO on whether the answer is supported, or empty when it gave neither. */
    private static Optional<Boolean> verdict(Pipeline p, String context, String answer) {
        String reply = String.valueOf(p.verify().invoke(Map.of("context", context, "answer", answer))).strip();
        String first = reply.split("[\\s.,;:!]+", 2)[0];
        try {
            return Optional.of(Boolean.TRUE.equals(BooleanOutputParser.create().parse(first)));
        } catch (OutputParserException e) {
            return Optional.empty();
        }
    }

    private BotReply order(Pipeline p, String conversationId, String message, Consumer<String> onToken) {
        AgentResult result = p.orderAgent().invoke(message, RunConfig.builder().putMetadata("conversationId", conversationId).build());
        String text;
        if (result.answered() && ORDER_NUMBER.matcher(result.output()).find()) {
            text = result.output();
        } else {
            // A small model rarely finishes the ReAct format: the lookup is made directly through the same tool.
            Matcher number = ORDER_NUMBER.matcher(message);
            if (!number.find()) {
                return handoff(conversationId, message, Intent.ORDER, "the order lookup did not finish (" + result.stopReason() + ")",
                        "I could not look up your order, so I am handing you over to a colleague. ", onToken);
            }
            text = orders.lookupOrder(number.group());
            memory.add(conversationId, List.of(UserMessage.from(message), AiMessage.from(text)));
        }
        onToken.accept(text);
        return new BotReply(conversationId, Intent.ORDER, text, List.of(), true, null);
    }

    private BotReply handoff(String conversationId, String message, Intent intent, String reason, String text, Consumer<String> onToken) {
        Handoff h = desk.open(conversationId, reason, message);
        String answer = text + "Your ticket is " + h.ticket() + "; our team is available Monday to Friday 08:00-20:00 CET.";
        memory.add(conversationId, List.of(UserMessage.from(message), AiMessage.from(answer)));
        onToken.accept(answer);
        return new BotReply(conversationId, intent, answer, List.of(), false, h.ticket());
    }

    /** Runs a conversation chain, streaming its text to {@code onToken}, and returns the whole text. */
    private static String run(ConversationChain<Object> chain, String conversationId, String question, Map<String, Object> extra,
                              Consumer<String> onToken) {
        Map<String, Object> input = new LinkedHashMap<>(extra);
        input.put(ConversationChain.CONVERSATION_ID, conversationId);
        input.put("question", question);
        StringBuilder text = new StringBuilder();
        try (RunStream<Object> stream = chain.stream(input)) {
            while (stream.hasNext()) {
                String piece = String.valueOf(stream.next());
                text.append(piece);
                onToken.accept(piece);
            }
        }
        return text.toString().strip();
    }

    static String clip(String text, int chars) {
        String t = text.strip();
        if (t.length() <= chars) return t;
        int cut = t.lastIndexOf(' ', chars);
        return t.substring(0, cut > chars / 2 ? cut : chars) + " ...";
    }

    private Pipeline pipeline() {
        Pipeline p = pipeline;
        if (p != null) return p;
        synchronized (this) {
            if (pipeline == null) pipeline = build();
            return pipeline;
        }
    }

    private Pipeline build() {
        style = promptStyle.strip().equalsIgnoreCase("auto")
                ? PromptStyle.forChatTemplate(ConfigProvider.getConfig()
                        .getOptionalValue("quarkus.catena.models." + modelName + ".chat-template", String.class).orElse(""))
                : PromptStyle.parse(promptStyle);
        return build((ChatModel) catena.configured(modelName));
    }

    private Pipeline build(ChatModel model) {
        List<String> turnEnd = List.of("\n\n", "User:", "<end_of_turn>", "<|im_end|>", "Question:", "Customer:");
        // With support.route-constrained a local model routes among the labels only (decoding masked by a grammar).
        ChatModel labels = routeConstrained && model instanceof ConstrainedGeneration constrained
                ? constrained.constrainedTo(IntentRouter.LABELS) : model;
        ChatModel route = BoundedModel.of(labels, 4, List.of("\n"), callTimeout);
        ChatModel answering = BoundedModel.of(model, answerMaxTokens, turnEnd, callTimeout);
        ChatModel replying = BoundedModel.of(model, replyMaxTokens, turnEnd, callTimeout);
        ChatModel verifying = BoundedModel.of(model, 2, List.of("\n"), callTimeout);
        ChatModel agentModel = BoundedModel.of(model, 64, List.of("\nObservation:"), callTimeout);
        IntentRouter router = new IntentRouter(route, style, knowledgeBase.embeddingModel(), routeSimilarity);
        ConversationChain<Object> answer = ConversationChain.of(LlmChain.of(chat(style.answerSystem()), answering), memory, "question");
        LlmChain verify = LlmChain.of(PromptTemplate.of(VERIFY), verifying);
        ConversationChain<Object> chitchat = ConversationChain.of(LlmChain.of(chat(CHITCHAT_SYSTEM), replying), memory, "question");
        ConversationChain<Object> complaint = ConversationChain.of(LlmChain.of(chat(COMPLAINT_SYSTEM), replying), memory, "question");
        ReActAgent orderAgent = ReActAgent.builder().name("order-lookup").model(agentModel).tools(Tools.from(orders)).memory(memory)
                .limits(AgentLimits.defaults().withMaxIterations(2).withMaxWallTime(callTimeout.multipliedBy(2))).build();
        return new Pipeline(model, router, answer, verify, chitchat, complaint, orderAgent);
    }

    /** A system message, the conversation so far, and the customer's message. */
    private static ChatPromptTemplate chat(String system) {
        return ChatPromptTemplate.builder().system(system).optionalPlaceholder(ConversationChain.HISTORY).user("{question}").build();
    }
}
