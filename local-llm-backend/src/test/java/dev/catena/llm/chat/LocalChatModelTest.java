package dev.catena.llm.chat;

import dev.catena.llm.model.GenerationOptions;
import dev.catena.llm.model.GenerationResult;
import dev.catena.llm.model.Model;
import dev.catena.llm.model.TokenListener;
import dev.catena.llm.sampling.SamplingParams;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class LocalChatModelTest {

    private static ModelRegistry registry;
    private static Path file;
    private static LocalChatModel chat;

    @BeforeAll
    static void load() throws URISyntaxException {
        file = Path.of(LocalChatModelTest.class.getResource("/model/llama-mha-f32.gguf").toURI());
        registry = new ModelRegistry(2);
        chat = LocalChatModel.builder().model(registry.get(file)).sampling(SamplingParams.greedy()).maxTokens(12).build();
    }

    @AfterAll
    static void close() {
        registry.close();
    }

    private static List<ChatMessage> messages() {
        return List.of(UserMessage.from("Hello there"));
    }

    @Test
    void chatRendersTheTemplateGeneratesAndReportsUsage() {
        Model model = registry.get(file);
        String prompt = model.template().render(messages(), List.of(), true);
        assertThat(prompt).contains("Hello there");
        int[] tokens = model.encodePrompt(prompt);
        GenerationResult direct = model.generator().generate(model.newSession(), tokens,
                GenerationOptions.builder().maxTokens(12).stopStrings(model.template().stopStrings()).build(),
                TokenListener.none());

        ChatResponse response = chat.chat(messages());

        assertThat(response.aiMessage().text()).isEqualTo(direct.text());
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(tokens.length);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(direct.tokens().length);
        assertThat(response.modelName()).isEqualTo("llama-mha-f32");
    }

    @Test
    void streamingDeliversTheSameTextInPieces() throws Exception {
        List<String> parts = new ArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        chat.chat(messages(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                parts.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        ChatResponse response = done.get(60, TimeUnit.SECONDS);
        assertThat(String.join("", parts)).isEqualTo(response.aiMessage().text()).isEqualTo(chat.chat(messages()).aiMessage().text());
        assertThat(parts).hasSizeGreaterThan(1);
    }

    /**
     * A stream whose handler blocks on its first piece holds up only itself: another request in the same batch
     * finishes meanwhile, and the blocked stream then still receives every piece in order.
     */
    @Test
    void aBlockedStreamingHandlerDoesNotStallTheOtherRequests() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        List<String> parts = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<ChatResponse> slow = new CompletableFuture<>();
        chat.chat(messages(), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                parts.add(partial);
            }

            @Override
            public void onCompleteResponse(ChatResponse response) {
                slow.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                slow.completeExceptionally(error);
            }
        });
        ChatResponse other = CompletableFuture.supplyAsync(() -> chat.chat(List.<ChatMessage>of(UserMessage.from("Good morning"))))
                .get(60, TimeUnit.SECONDS);
        assertThat(other.aiMessage().text()).isNotNull();
        assertThat(slow).isNotDone();
        release.countDown();
        ChatResponse response = slow.get(60, TimeUnit.SECONDS);
        assertThat(String.join("", parts)).isEqualTo(response.aiMessage().text());
    }

    @Test
    void theRegistrySharesOneModelAcrossConcurrentConversations() throws Exception {
        assertThat(registry.get(file)).isSameAs(registry.get(file));
        String expected = chat.chat(messages()).aiMessage().text();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> registry.chatModel(file).chat(ChatRequest.builder()
                        .messages(messages()).temperature(0.0).maxOutputTokens(12).build()).aiMessage().text()));
            }
            for (Future<String> f : answers) {
                assertThat(f.get(60, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.loaded()).hasSize(1);
    }

    /**
     * A request's token cap replaces the default (12), and its tools reach the prompt through a template that
     * renders them (a model file's tool-use template, here a small one).
     */
    @Test
    void requestParametersOverrideDefaults() {
        Model model = registry.get(file);
        dev.catena.llm.template.ChatTemplate toolUse = dev.catena.llm.template.JinjaChatTemplate.of("tool-use test template",
                "{% if tools %}Tools:{% for t in tools %} {{ t.function.name }}: {{ t.function.description }}{% endfor %}\n{% endif %}"
                        + "{% for m in messages %}{{ m.role }}: {{ m.content }}\n{% endfor %}assistant:", "", "");
        LocalChatModel chat = LocalChatModel.builder().model(model).template(toolUse).sampling(SamplingParams.greedy()).maxTokens(12).build();
        ToolSpecification clock = ToolSpecification.builder().name("clock").description("Tells the current time").build();
        ChatResponse plain = chat.chat(ChatRequest.builder().messages(messages()).build());
        ChatResponse r = chat.chat(ChatRequest.builder().messages(messages()).maxOutputTokens(3).toolSpecifications(clock).build());

        assertThat(plain.tokenUsage().outputTokenCount()).as("the default cap lets more than 3 tokens out").isGreaterThan(3);
        assertThat(r.tokenUsage().outputTokenCount()).isEqualTo(3);
        String withTools = toolUse.render(messages(), List.of(clock), true);
        assertThat(withTools).contains("clock").contains("Tells the current time");
        assertThat(r.tokenUsage().inputTokenCount()).as("the prompt the model saw holds the tool")
                .isEqualTo(model.encodePrompt(withTools).length)
                .isGreaterThan(plain.tokenUsage().inputTokenCount());
    }

    @Test
    void countsTokensWithTheModelsOwnTokenizerAndTemplate() {
        Model model = registry.get(file);
        String text = "Hello there, how are you?";
        assertThat(chat.estimateTokenCountInText(text)).isEqualTo(model.tokenizer().encode(text).length).isPositive();

        List<ChatMessage> conversation = List.of(UserMessage.from("Hello there"), dev.langchain4j.data.message.AiMessage.from("Hi"));
        int both = chat.estimateTokenCountInMessages(conversation);
        String rendered = model.template().render(conversation, List.of(), false);
        assertThat(both).isEqualTo(model.tokenizer().encode(rendered, false, true).length);
        assertThat(both).as("template framing counts too")
                .isGreaterThan(chat.estimateTokenCountInText("Hello there") + chat.estimateTokenCountInText("Hi"));
        assertThat(chat.estimateTokenCountInMessage(conversation.get(0))).isLessThan(both);
    }

    @Test
    void aFollowUpTurnOnlyComputesItsNewSuffixAndAnswersAsAFreshSessionWould() {
        Model model = registry.get(file);
        LocalChatModel pooled = LocalChatModel.builder().model(model).sampling(SamplingParams.greedy()).maxTokens(8).build();
        LocalChatModel fresh = LocalChatModel.builder().model(model).sampling(SamplingParams.greedy()).maxTokens(8)
                .sessionCacheSize(0).build();
        List<ChatMessage> first = List.of(UserMessage.from("Hello there"));
        var reply = pooled.chat(first).aiMessage();
        List<ChatMessage> second = List.of(UserMessage.from("Hello there"), reply, UserMessage.from("And then?"));
        int firstPromptTokens = model.encodePrompt(model.template().render(first, List.of(), true)).length;

        long before = pooled.reusedPromptTokens();
        String reused = pooled.chat(second).aiMessage().text();

        assertThat(pooled.reusedPromptTokens() - before).as("the first turn's prompt comes from the kept cache")
                .isGreaterThanOrEqualTo(firstPromptTokens - 1);
        assertThat(reused).isEqualTo(fresh.chat(second).aiMessage().text());
        assertThat(fresh.reusedPromptTokens()).isZero();
    }
}
