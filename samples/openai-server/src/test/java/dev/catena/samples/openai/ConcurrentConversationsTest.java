package dev.catena.samples.openai;

import dev.catena.llm.chat.LocalChatModel;
import dev.catena.llm.compute.kernel.KernelCompute;
import dev.catena.llm.model.Model;
import dev.catena.llm.sampling.SamplingParams;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import dev.catena.llm.template.ChatTemplates;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several conversations at once through ONE local model instance, as this server runs them: each
 * greedy answer must equal the answer the same conversation gets when it runs alone. The
 * conversations differ (so an answer computed on another conversation's KV cache would differ),
 * half are streamed and half blocking, and all start together from a latch, several rounds.
 * The model is a small reference GGUF (random weights, llama architecture; a copy of
 * local-llm-backend's test file) so the test needs no downloaded model; a second test does the
 * same on the real Gemma 3 270M Q4_K_M file when it is present (skipped otherwise).
 */
class ConcurrentConversationsTest {

    private static final int ROUNDS = 3;
    private static Model model;
    private static LocalChatModel chat;

    @BeforeAll
    static void load() throws Exception {
        model = Model.load(Path.of(ConcurrentConversationsTest.class.getResource("/model/llama-mha-f32.gguf").toURI()), KernelCompute.preferred(2));
        chat = LocalChatModel.builder().model(model).sampling(SamplingParams.greedy()).maxTokens(16).build();
    }

    @AfterAll
    static void close() {
        if (model != null) model.close();
    }

    private static List<List<ChatMessage>> conversations() {
        return List.of(
                List.of(UserMessage.from("Hello there")),
                List.of(UserMessage.from("What is the capital of France?")),
                List.of(SystemMessage.from("You are terse."), UserMessage.from("Count to five")),
                List.of(UserMessage.from("hi"), AiMessage.from("hello"), UserMessage.from("tell me a story about a lighthouse")),
                List.of(UserMessage.from("zebra quantum 42 ???")),
                List.of(UserMessage.from("The quick brown fox jumps over the lazy dog. Again: the quick brown fox")));
    }

    private static String blocking(LocalChatModel chat, List<ChatMessage> messages, int tokens) {
        return chat.chat(ChatRequest.builder().messages(messages).maxOutputTokens(tokens).build()).aiMessage().text();
    }

    private static String streamed(LocalChatModel chat, List<ChatMessage> messages, int tokens) throws Exception {
        StringBuilder text = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        chat.chat(ChatRequest.builder().messages(messages).maxOutputTokens(tokens).build(), new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String partial) { text.append(partial); }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });
        assertThat(done.get(120, TimeUnit.SECONDS).aiMessage().text()).isEqualTo(text.toString());
        return text.toString();
    }

    @Test
    void concurrentConversationsGetTheAnswersTheyGetAlone() throws Exception {
        check(chat, ROUNDS, 16);
    }

    @Test
    void theRealGemmaModelKeepsConcurrentConversationsApart() throws Exception {
        Path file = dev.catena.testing.ExternalInputs.gemma();
        try (Model gemma = Model.load(file, KernelCompute.preferred(2))) {
            LocalChatModel real = LocalChatModel.builder().model(gemma).sampling(SamplingParams.greedy()).contextLength(512)
                    .template(ChatTemplates.builtin("transcript", gemma.tokenizer())).build();
            check(real, 1, 8);
        }
    }

    private static void check(LocalChatModel chat, int rounds, int tokens) throws Exception {
        List<List<ChatMessage>> convs = conversations();
        List<String> alone = new ArrayList<>();
        for (List<ChatMessage> c : convs) alone.add(blocking(chat, c, tokens));
        assertThat(new HashSet<>(alone)).as("the conversations' answers differ, so cross-talk would show").hasSizeGreaterThanOrEqualTo(4);
        assertThat(alone).allSatisfy(a -> assertThat(a).isNotEmpty());

        ExecutorService pool = Executors.newFixedThreadPool(convs.size());
        try {
            for (int round = 0; round < rounds; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < convs.size(); i++) {
                    List<ChatMessage> c = convs.get(i);
                    boolean stream = (i + round) % 2 == 0;
                    Callable<String> call = () -> {
                        start.await();
                        return stream ? streamed(chat, c, tokens) : blocking(chat, c, tokens);
                    };
                    answers.add(pool.submit(call));
                }
                start.countDown();
                for (int i = 0; i < convs.size(); i++) {
                    assertThat(answers.get(i).get(300, TimeUnit.SECONDS)).as("round %d, conversation %d", round, i).isEqualTo(alone.get(i));
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
