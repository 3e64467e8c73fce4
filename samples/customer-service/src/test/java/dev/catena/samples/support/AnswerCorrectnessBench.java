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
import java.util.Locale;
import java.util.Optional;

/**
 * Benchmark, not a test: the bot's answers on the real local models for every labelled question of
 * {@code kb-questions.tsv} (each names a fragment the answer must contain). An answer is correct when
 * it contains the fragment, handed off when the bot gave the question to a person (it could not
 * verify an answer), else wrong. Routing is constrained to the labels ({@link IntentRouter#LABELS});
 * a name with {@code :free} hides the model's constrained decoding, so routing parses free text as
 * before. Arguments: model names ({@code gemma}, {@code smollm2}, {@code gemma:free}...); system property {@code limit} caps the
 * questions per language. Model files from {@code CATENA_MODEL_DIR} (default ~/.cache/catena/models).
 * <pre>
 * ./mvnw -q -pl samples/customer-service -am test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cs.cp -Dmdep.includeScope=test
 * java --add-modules jdk.incubator.vector --enable-native-access=ALL-UNNAMED \
 *     -cp samples/customer-service/target/test-classes:samples/customer-service/target/classes:$(cat /tmp/cs.cp) \
 *     dev.catena.samples.support.AnswerCorrectnessBench gemma smollm2
 * </pre>
 */
public final class AnswerCorrectnessBench {

    private AnswerCorrectnessBench() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(Optional.ofNullable(System.getenv("CATENA_MODEL_DIR"))
                .orElse(System.getProperty("user.home") + "/.cache/catena/models"));
        int limit = Integer.getInteger("limit", Integer.MAX_VALUE);
        Path tsv = Files.createTempFile("kb-questions", ".tsv");
        try (var in = AnswerCorrectnessBench.class.getResourceAsStream("/kb-questions.tsv")) {
            Files.write(tsv, in.readAllBytes());
        }
        List<EvalCase> cases = LabelledQueries.read(tsv).stream().filter(c -> !c.field("answer", "").isEmpty()).toList();
        StringBuilder table = new StringBuilder("| model | language | questions | correct | handed off | wrong | routed as question |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (String name : args) {
            boolean gemma = name.startsWith("gemma");
            boolean free = name.endsWith(":free");
            Path file = dir.resolve(gemma ? "gemma-3-270m-q4_k_m.gguf" : "SmolLM2-135M-Instruct.Q4_1.gguf");
            try (Model model = Model.load(file, KernelCompute.preferred(2))) {
                LocalChatModel.Builder chat = LocalChatModel.builder().model(model).contextLength(1024);
                if (gemma) chat.template(ChatTemplates.builtin("transcript", model.tokenizer())); // a base model
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
                    SupportBot bot = SupportBot.standalone(free ? plain : local, BufferMemory.inMemory(), kb, new HandoffDesk(), 64, 500,
                            Duration.ofSeconds(90), !free);
                    for (String language : List.of("en", "zh")) {
                        int n = 0, correct = 0, handedOff = 0, wrong = 0, question = 0;
                        for (EvalCase c : cases) {
                            if (!c.field("language", "").equals(language) || n >= limit) continue;
                            long start = System.nanoTime();
                            BotReply reply = bot.reply(name + "-" + c.id(), c.input());
                            String fragment = c.field("answer", "");
                            String outcome = reply.handedOff() ? "handed-off"
                                    : reply.answer().toLowerCase(Locale.ROOT).contains(fragment.toLowerCase(Locale.ROOT)) ? "correct" : "wrong";
                            n++;
                            switch (outcome) {
                                case "correct" -> correct++;
                                case "handed-off" -> handedOff++;
                                default -> wrong++;
                            }
                            if (reply.intent() == Intent.QUESTION) question++;
                            System.out.printf(Locale.ROOT, "%s %s %-10s %-9s %5.1fs %s -> %s%n", name, c.id(), outcome, reply.intent(),
                                    (System.nanoTime() - start) / 1e9, c.input(), reply.answer().replace('\n', ' '));
                        }
                        table.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d |%n", name, language, n, correct,
                                handedOff, wrong, question));
                    }
                } finally {
                    kb.close();
                }
            }
        }
        System.out.print(table);
    }
}
