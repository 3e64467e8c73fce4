package dev.catena.samples.support;

import dev.catena.core.eval.EvalCase;
import dev.catena.llm.chat.LocalChatModel;
import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.model.Model;
import dev.catena.llm.template.ChatTemplates;
import dev.catena.memory.BufferMemory;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.catena.retrievers.onnx.EmbeddingModels;
import dev.catena.retrievers.lucene.eval.LabelledQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Benchmark, not a test: the bot's answers on the real local models for every labelled question of
 * {@code kb-questions.tsv} (each names a fragment the answer must contain). An answer is correct when
 * it contains the fragment, handed off when the bot gave the question to a person (it could not
 * verify an answer), else wrong. Each model is run in both routing modes: constrained to the five
 * labels ({@link IntentRouter#LABELS}) and free (the model's constrained decoding hidden, its reply
 * parsed). Each question is routed in both modes and answered once per distinct intent: with greedy
 * decoding and a fresh conversation the reply to an intent does not depend on how it was routed.
 * Gemma 3 270M (a base model) is rendered as a transcript and asked in {@link PromptStyle#TRANSCRIPT}
 * words, SmolLM2-135M-Instruct with its own ChatML template in {@link PromptStyle#CHAT} words, as
 * {@code support.prompt-style=auto} does for them. Before the questions, a few messages that are not
 * questions (complaints, greetings) are routed, to show that routing still tells them apart.
 * Arguments: model names ({@code gemma}, {@code smollm2}), or {@code extract} for
 * the answer extraction alone, without a model (the passage statement that best matches the question,
 * as the bot falls back to); system properties
 * {@code limit} caps the questions per language, {@code routeOnly=true} routes the questions without
 * answering them, {@code pageFirst=true} sets {@code support.prefer-page-statement}. Model files from {@code CATENA_MODEL_DIR} (default ~/.cache/catena/models).
 * <pre>
 * ./mvnw -q -pl samples/customer-service -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cs.cp -Dmdep.includeScope=test
 * nice -n 19 java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp samples/customer-service/target/test-classes:samples/customer-service/target/classes:$(cat /tmp/cs.cp) \
 *     dev.catena.samples.support.AnswerCorrectnessBench extract smollm2 gemma
 * </pre>
 */
public final class AnswerCorrectnessBench {

    /** Messages that are not questions, with the intent they should get (none of them is an example sentence of the router). */
    private static final List<Object[]> NOT_QUESTIONS = List.of(
            new Object[] {"My lamp stopped working after two days and nobody answers my e-mails!", Intent.COMPLAINT},
            new Object[] {"This is the third time my delivery is late, I am fed up.", Intent.COMPLAINT},
            new Object[] {"包裹到的时候已经坏了，太让人失望了", Intent.COMPLAINT},
            new Object[] {"Good evening!", Intent.CHITCHAT},
            new Object[] {"Thanks, that is all I needed.", Intent.CHITCHAT},
            new Object[] {"谢谢你的帮助", Intent.CHITCHAT});

    private AnswerCorrectnessBench() {}

    /** Each question answered by {@link AnswerExtraction} from the best passage alone, as a reference row. */
    private static void extractionAlone(List<EvalCase> cases, int limit, StringBuilder table) throws Exception {
        KnowledgeBase kb = KnowledgeBase.standalone(Optional.empty(), Files.createTempDirectory("kb"), EmbeddingModels.miniLmQuantized());
        try {
            for (String language : List.of("en", "zh")) {
                int n = 0, correct = 0, handedOff = 0, wrong = 0;
                for (EvalCase c : cases) {
                    if (!c.field("language", "").equals(language) || n >= limit) continue;
                    n++;
                    List<Source> best = kb.search(c.input(), 4).stream().limit(1).toList();
                    Optional<AnswerExtraction.Extract> extract = AnswerExtraction.best(c.input(), "", best, AnswerExtraction.DEFAULT_MIN_SHARE);
                    String outcome = extract.isEmpty() ? "handed-off"
                            : extract.get().text().toLowerCase(Locale.ROOT).contains(c.field("answer", "").toLowerCase(Locale.ROOT))
                            ? "correct" : "wrong";
                    switch (outcome) {
                        case "correct" -> correct++;
                        case "handed-off" -> handedOff++;
                        default -> wrong++;
                    }
                    System.out.printf(Locale.ROOT, "extract %s %-10s %.2f %s -> %s%n", c.id(), outcome,
                            extract.map(AnswerExtraction.Extract::share).orElse(0.0), c.input(),
                            extract.map(AnswerExtraction.Extract::text).orElse("-"));
                }
                table.append(String.format(Locale.ROOT, "| extraction alone (no model) | - | %s | %d | %d | %d | %d | - | - |%n",
                        language, n, correct, handedOff, wrong));
            }
        } finally {
            kb.close();
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(Optional.ofNullable(System.getenv("CATENA_MODEL_DIR"))
                .orElse(System.getProperty("user.home") + "/.cache/catena/models"));
        int limit = Integer.getInteger("limit", Integer.MAX_VALUE);
        boolean routeOnly = Boolean.getBoolean("routeOnly");
        boolean pageFirst = Boolean.getBoolean("pageFirst");
        Path tsv = Files.createTempFile("kb-questions", ".tsv");
        try (var in = AnswerCorrectnessBench.class.getResourceAsStream("/kb-questions.tsv")) {
            Files.write(tsv, in.readAllBytes());
        }
        List<EvalCase> cases = LabelledQueries.read(tsv).stream().filter(c -> !c.field("answer", "").isEmpty()).toList();
        StringBuilder table = new StringBuilder("| model | routing | language | questions | correct | handed off | wrong"
                + " | routed as question | non-questions routed right |\n|---|---|---|---|---|---|---|---|---|\n");
        for (String name : args) {
            if (name.equals("extract")) {
                extractionAlone(cases, limit, table);
                System.out.print(table);
                continue;
            }
            boolean gemma = name.startsWith("gemma");
            Path file = dir.resolve(gemma ? "gemma-3-270m-q4_k_m.gguf" : "SmolLM2-135M-Instruct.Q4_1.gguf");
            try (Model model = Model.load(file, KernelCompute.preferred(2))) {
                LocalChatModel.Builder chat = LocalChatModel.builder().model(model).contextLength(1024);
                if (gemma) chat.template(ChatTemplates.builtin("transcript", model.tokenizer())); // a base model
                PromptStyle style = gemma ? PromptStyle.TRANSCRIPT : PromptStyle.CHAT;
                KnowledgeBase kb = KnowledgeBase.standalone(Optional.empty(), Files.createTempDirectory("kb"),
                        EmbeddingModels.miniLmQuantized());
                try {
                    LocalChatModel local = chat.build();
                    ChatModel plain = new ChatModel() {
                        @Override
                        public ChatResponse doChat(ChatRequest request) {
                            return local.chat(request);
                        }
                    };
                    // The same model routing under the label grammar and routing freely; the answering steps are the same.
                    List<SupportBot> bots = List.of(
                            SupportBot.standalone(local, style, BufferMemory.inMemory(), kb, new HandoffDesk(), 64, 500, Duration.ofSeconds(90), true)
                                    .preferringPageStatement(pageFirst),
                            SupportBot.standalone(plain, style, BufferMemory.inMemory(), kb, new HandoffDesk(), 64, 500, Duration.ofSeconds(90), false)
                                    .preferringPageStatement(pageFirst));
                    List<String> modes = List.of("constrained", "free");
                    int[] routedRight = new int[2];
                    for (Object[] m : NOT_QUESTIONS) {
                        for (int b = 0; b < 2; b++) {
                            IntentRouter.Routed routed = bots.get(b).route((String) m[0]);
                            if (routed.intent() == m[1]) routedRight[b]++;
                            System.out.printf(Locale.ROOT, "%s %s not-a-question %-9s (%s, expected %s) %s%n", name, modes.get(b),
                                    routed.intent(), routed.decision(), m[1], m[0]);
                        }
                    }
                    for (String language : List.of("en", "zh")) {
                        int n = 0;
                        int[][] counts = new int[2][4];   // per mode: correct, handed off, wrong, routed as question
                        for (EvalCase c : cases) {
                            if (!c.field("language", "").equals(language) || n >= limit) continue;
                            n++;
                            Map<Intent, String> outcomes = new EnumMap<>(Intent.class);
                            for (int b = 0; b < 2; b++) {
                                long start = System.nanoTime();
                                IntentRouter.Routed routed = bots.get(b).route(c.input());
                                if (routed.intent() == Intent.QUESTION) counts[b][3]++;
                                String outcome = outcomes.get(routed.intent());
                                String shown = "(as above)";
                                if (outcome == null && !routeOnly) {
                                    // Greedy decoding and a fresh conversation: the reply to an intent is the same in both modes.
                                    BotReply reply = bots.get(b).reply(name + "-" + modes.get(b) + "-" + c.id(), c.input(), routed.intent());
                                    String fragment = c.field("answer", "").toLowerCase(Locale.ROOT);
                                    outcome = reply.handedOff() ? "handed-off"
                                            : reply.answer().toLowerCase(Locale.ROOT).contains(fragment) ? "correct" : "wrong";
                                    outcomes.put(routed.intent(), outcome);
                                    shown = reply.answer().replace('\n', ' ');
                                }
                                if (outcome != null) counts[b][switch (outcome) { case "correct" -> 0; case "handed-off" -> 1; default -> 2; }]++;
                                System.out.printf(Locale.ROOT, "%s %-11s %s %-10s %-9s %-8s %5.1fs %s -> %s%n", name, modes.get(b), c.id(),
                                        outcome == null ? "-" : outcome, routed.intent(), routed.decision(),
                                        (System.nanoTime() - start) / 1e9, c.input(), shown);
                            }
                        }
                        for (int b = 0; b < 2; b++) {
                            table.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %d | %d | %d of %d |%n",
                                    (gemma ? "Gemma 3 270M" : "SmolLM2-135M") + (pageFirst ? ", page first" : ""), modes.get(b), language, n, counts[b][0], counts[b][1],
                                    counts[b][2], counts[b][3], routedRight[b], NOT_QUESTIONS.size()));
                        }
                    }
                } finally {
                    kb.close();
                }
            }
            System.out.print(table);   // so far, in case a later model's run is stopped
        }
    }
}
