package dev.catena.samples.support;

import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The per-call budget: token cap, stop strings, greedy default, time limit (blocking and streaming). */
class BoundedModelTest {

    private static ChatRequest ask(Integer maxTokens) {
        ChatRequest.Builder b = ChatRequest.builder().messages(UserMessage.from("hi"));
        if (maxTokens != null) b.maxOutputTokens(maxTokens);
        return b.build();
    }

    @Test
    void capsTokensAddsStopsAndSamplesGreedily() {
        ScriptedChatModel model = ScriptedChatModel.of("one", "two", "three");
        BoundedModel bounded = BoundedModel.of(model, 5, List.of("\nUser:"), Duration.ofMinutes(1));

        assertThat(bounded.chat(ask(null)).aiMessage().text()).isEqualTo("one");
        assertThat(model.lastRequest().maxOutputTokens()).isEqualTo(5);
        assertThat(model.lastRequest().stopSequences()).containsExactly("\nUser:");
        assertThat(model.lastRequest().temperature()).isEqualTo(0.0);

        bounded.chat(ask(3));
        assertThat(model.lastRequest().maxOutputTokens()).as("a smaller cap in the request wins").isEqualTo(3);
        bounded.chat(ChatRequest.builder().messages(UserMessage.from("hi")).maxOutputTokens(50).temperature(0.7).build());
        assertThat(model.lastRequest().maxOutputTokens()).isEqualTo(5);
        assertThat(model.lastRequest().temperature()).isEqualTo(0.7);
    }

    @Test
    void aBlockingCallPastItsTimeLimitReturnsAnEmptyCutAnswer() {
        ScriptedChatModel model = ScriptedChatModel.builder().replyWith(r -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return AiMessage.from("too late");
        }).build();
        ChatResponse r = BoundedModel.of(model, 5, List.of(), Duration.ofMillis(200)).chat(ask(null));
        assertThat(r.aiMessage().text()).isEmpty();
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
    }

    @Test
    void aStreamPastItsTimeLimitCompletesWithTheTextSoFarAndStopsTheModel() throws Exception {
        String full = "one two three four five six seven eight nine ten eleven twelve";
        ScriptedChatModel model = ScriptedChatModel.builder().reply(full).tokenDelay(Duration.ofMillis(150)).build();
        StringBuilder partials = new StringBuilder();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        BoundedModel.of(model, 100, List.of(), Duration.ofMillis(500)).chat(ask(null), new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String p) { synchronized (partials) { partials.append(p); } }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });
        ChatResponse r = done.get(30, TimeUnit.SECONDS);
        assertThat(r.finishReason()).isEqualTo(FinishReason.LENGTH);
        assertThat(full).startsWith(r.aiMessage().text());
        assertThat(r.aiMessage().text()).isNotEqualTo(full);
        synchronized (partials) {
            assertThat(partials.toString()).isEqualTo(r.aiMessage().text());
        }
        // the model's stream is stopped at its next token, not left running to the end (12 tokens, 1.8 s)
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (model.cancelledStreams() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(model.cancelledStreams()).as("streams the model saw cancelled").isEqualTo(1);
    }

    @Test
    void badBudgetsAreRejected() {
        ScriptedChatModel model = ScriptedChatModel.of("x");
        assertThatThrownBy(() -> BoundedModel.of(model, 0, List.of(), Duration.ofSeconds(1))).hasMessageContaining("maxTokens");
        assertThatThrownBy(() -> BoundedModel.of(model, 1, List.of(), Duration.ZERO)).hasMessageContaining("timeLimit");
    }
}
