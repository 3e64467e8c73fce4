package dev.catena.llm.batch;

import dev.catena.llm.chat.LocalChatModel;
import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.Session;
import dev.catena.llm.sampling.Sampler;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.TokenListener;
import dev.catena.llm.sampling.SamplingParams;
import dev.catena.testing.ExternalInputs;
import dev.catena.testing.NearTies;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batched decoding on the real Gemma 3 270M file: requests decoded together get the greedy tokens they get alone,
 * up to the first near tie. Skipped when the file is absent, failed instead under CI ({@link ExternalInputs}).
 */
class RealGemmaBatchTest {

    /**
     * The text of the question's lone greedy reply under the model's template up to its first near tie, or
     * {@code null} when the reply has none within {@code tokens}.
     */
    private static String settledPrefix(Model model, String question, int tokens) {
        String chat = model.template().render(List.of(dev.langchain4j.data.message.UserMessage.from(question)), List.of(), true);
        Session alone = model.newSession(256);
        float[] logits = alone.prefill(model.encodePrompt(chat));
        List<Integer> out = new ArrayList<>();
        while (out.size() < tokens) {
            if (NearTies.isNearTie(logits)) {
                String text = model.tokenizer().decode(out.stream().mapToInt(Integer::intValue).toArray());
                for (String stop : model.template().stopStrings()) {
                    if (text.contains(stop)) return null;
                }
                // a partial character at the cut is not compared
                while (text.endsWith("\uFFFD")) text = text.substring(0, text.length() - 1);
                return text;
            }
            int token = Sampler.argmax(logits);
            if (model.tokenizer().isEndOfGeneration(token)) return null;
            out.add(token);
            logits = alone.next(token);
        }
        return null;
    }

    @Test
    void requestsBatchedOnGemmaGetWhatTheyGetAlone() {
        try (Model model = Model.load(ExternalInputs.gemma(), KernelCompute.preferred(2));
             BatchScheduler s = new BatchScheduler(model, BatchConfig.of(4, 256).withPrefillChunk(16))) {
            String[] questions = {"What is the capital of France?", "Name three colours.", "Count from one to five.",
                    "Write a haiku about the sea."};
            List<int[]> prompts = new ArrayList<>();
            List<GenerationOptions> options = new ArrayList<>();
            List<GenerationHandle> handles = new ArrayList<>();
            for (int i = 0; i < questions.length; i++) {
                String chat = model.template().render(List.of(dev.langchain4j.data.message.UserMessage.from(questions[i])),
                        List.of(), true);
                prompts.add(model.encodePrompt(chat));
                options.add(GenerationOptions.builder().maxTokens(16).sampling(SamplingParams.greedy()).build());
                handles.add(s.submit(prompts.get(i), options.get(i), TokenListener.none()));
            }
            for (int i = 0; i < questions.length; i++) {
                int[] batched = handles.get(i).await().tokens();
                // alone, greedy, up to the first near tie: the two best logits closer than NearTies.MARGIN
                Session alone = model.newSession(256);
                float[] logits = alone.prefill(prompts.get(i));
                int k = 0;
                while (k < batched.length && !NearTies.isNearTie(logits)) {
                    int token = Sampler.argmax(logits);
                    assertThat(batched[k]).as("%s, token %d", questions[i], k).isEqualTo(token);
                    logits = alone.next(token);
                    k++;
                }
            }
            assertThat(s.metrics().steps()).isLessThan(s.metrics().generatedTokens());
        }
    }

    @Test
    void concurrentChatsOnGemmaGoThroughOneBatch() throws Exception {
        try (Model model = Model.load(ExternalInputs.gemma(), KernelCompute.preferred(2))) {
            LocalChatModel chat = LocalChatModel.builder().model(model).sampling(SamplingParams.greedy()).maxTokens(12)
                    .contextLength(256).slots(3).build();
            List<CompletableFuture<ChatResponse>> replies = new ArrayList<>();
            for (String q : List.of("Say hello.", "Say goodbye.", "Say thanks.")) {
                replies.add(CompletableFuture.supplyAsync(() -> chat.chat(dev.langchain4j.data.message.UserMessage.from(q))));
            }
            List<String> batched = new ArrayList<>();
            for (CompletableFuture<ChatResponse> r : replies) {
                batched.add(r.get().aiMessage().text());
            }
            List<String> questions = List.of("Say hello.", "Say goodbye.", "Say thanks.");
            for (int i = 0; i < questions.size(); i++) {
                String alone = chat.chat(dev.langchain4j.data.message.UserMessage.from(questions.get(i))).aiMessage().text();
                String settled = settledPrefix(model, questions.get(i), 12);
                if (settled == null) {
                    assertThat(batched.get(i)).as(questions.get(i)).isEqualTo(alone);
                } else {
                    assertThat(alone).as(questions.get(i) + " alone").startsWith(settled);
                    assertThat(batched.get(i)).as(questions.get(i) + " up to its near tie").startsWith(settled);
                }
            }
            assertThat(chat.scheduler().metrics().slots()).isEqualTo(3);
        }
    }
}
