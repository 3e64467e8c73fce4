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
import dev.catena.llm.template.ChatTemplate;
import dev.catena.llm.template.ChatTemplates;
import dev.catena.llm.model.Session;
import dev.catena.llm.sampling.Sampler;
import dev.catena.testing.NearTies;

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

    /** Conversations whose replies the real base model is sure of for a few tokens (no near tie at the start). */
    static List<List<ChatMessage>> realConversations() {
        return List.of(
                List.of(UserMessage.from("The quick brown fox jumps over the lazy dog. Again: the quick brown fox")),
                List.of(UserMessage.from("Continue the list: one, two, three, four,")),
                List.of(UserMessage.from("Monday, Tuesday, Wednesday,")),
                List.of(UserMessage.from("A B C D E F G")),
                List.of(SystemMessage.from("You are terse."), UserMessage.from("What is 2 + 2?")),
                List.of(UserMessage.from("Complete: To be or not to be,")),
                List.of(UserMessage.from("hi"), AiMessage.from("hello"), UserMessage.from("Say hello again.")),
                List.of(UserMessage.from("Repeat after me: lighthouse lighthouse lighthouse")));
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
        check(chat, conversations(), ROUNDS, 16, null);
    }

    @Test
    void theRealGemmaModelKeepsConcurrentConversationsApart() throws Exception {
        Path file = dev.catena.testing.ExternalInputs.gemma();
        try (Model gemma = Model.load(file, KernelCompute.preferred(2))) {
            ChatTemplate template = ChatTemplates.builtin("transcript", gemma.tokenizer());
            LocalChatModel real = LocalChatModel.builder().model(gemma).sampling(SamplingParams.greedy()).contextLength(512)
                    .template(template).build();
            List<String> settled = new ArrayList<>();
            for (List<ChatMessage> c : realConversations()) settled.add(settledPrefix(gemma, template, c, 8));
            assertThat(settled).as("conversations compared on some text").filteredOn(p -> p == null || !p.isBlank()).hasSizeGreaterThanOrEqualTo(4);
            check(real, realConversations(), 1, 8, settled);
        }
    }

    /** The text of the conversation's lone greedy reply up to its first near tie, or the whole reply if it has none. */
    private static String settledPrefix(Model model, ChatTemplate template, List<ChatMessage> messages, int tokens) {
        int[] prompt = model.encodePrompt(template.render(messages, List.of(), true));
        List<Integer> out = new ArrayList<>();
        boolean tie = false;
        Session alone = model.newSession(512);
        float[] logits = alone.prefill(prompt);
        while (out.size() < tokens) {
            if (NearTies.isNearTie(logits)) {
                tie = true;
                break;
            }
            int token = Sampler.argmax(logits);
            if (model.tokenizer().isEndOfGeneration(token)) break;
            out.add(token);
            logits = alone.next(token);
        }
        String text = model.tokenizer().decode(out.stream().mapToInt(Integer::intValue).toArray());
        for (String stop : template.stopStrings()) {
            int at = text.indexOf(stop);
            if (at >= 0) {
                text = text.substring(0, at);
                tie = false;
            }
        }
        // a partial character at the cut is not compared
        while (tie && text.endsWith("\uFFFD")) text = text.substring(0, text.length() - 1);
        return tie ? text : null;
    }

    /**
     * Runs every conversation alone, then all at once; each concurrent answer must equal the lone one, or, where
     * {@code settled} holds a prefix for the conversation (its reply has a near tie), start with that prefix.
     */
    private static void check(LocalChatModel chat, List<List<ChatMessage>> convs, int rounds, int tokens, List<String> settled)
            throws Exception {
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
                    String answer = answers.get(i).get(300, TimeUnit.SECONDS);
                    String prefix = settled == null ? null : settled.get(i);
                    if (prefix == null) {
                        assertThat(answer).as("round %d, conversation %d", round, i).isEqualTo(alone.get(i));
                    } else {
                        assertThat(alone.get(i)).as("conversation %d alone", i).startsWith(prefix);
                        assertThat(answer).as("round %d, conversation %d, up to its near tie", round, i).startsWith(prefix);
                    }
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
