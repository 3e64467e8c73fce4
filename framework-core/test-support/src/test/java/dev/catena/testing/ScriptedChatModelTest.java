package dev.catena.testing;

import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.runnable.RunStream;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScriptedChatModelTest {

    @Test
    void returnsResponsesInOrderAndRecordsRequests() {
        ScriptedChatModel model = ScriptedChatModel.of("first", "second");

        assertThat(model.chat("q1")).isEqualTo("first");
        assertThat(model.chat("q2")).isEqualTo("second");

        assertThat(model.requests()).hasSize(2);
        assertThat(((UserMessage) model.requests().get(0).messages().getFirst()).singleText()).isEqualTo("q1");
        assertThat(((UserMessage) model.lastMessages().getFirst()).singleText()).isEqualTo("q2");
        assertThat(model.remaining()).isZero();
    }

    @Test
    void failsClearlyWhenTheScriptRunsOut() {
        ScriptedChatModel model = ScriptedChatModel.of("only");
        model.chat("q1");

        assertThatThrownBy(() -> model.chat("what now?"))
                .isInstanceOf(ScriptedChatModel.ScriptExhaustedException.class)
                .hasMessageContaining("1 response(s)")
                .hasMessageContaining("request 2")
                .hasMessageContaining("what now?");
    }

    @Test
    void returnsToolCallsWithToolFinishReason() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .replyToolCall("weather", "{\"city\":\"Paris\"}")
                .reply("Sunny")
                .build();

        ChatResponse first = model.chat(ChatRequest.builder().messages(UserMessage.from("weather?")).build());
        assertThat(first.aiMessage().toolExecutionRequests()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("weather");
            assertThat(t.arguments()).isEqualTo("{\"city\":\"Paris\"}");
            assertThat(t.id()).isEqualTo("call_1");
        });
        assertThat(first.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(model.chat("again")).isEqualTo("Sunny");
    }

    @Test
    void streamsTextTokenByToken() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.of("The sky is blue.");
        List<String> tokens = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        model.chat(ChatRequest.builder().messages(UserMessage.from("sky?")).build(), new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String partial) { tokens.add(partial); }
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });

        ChatResponse response = done.get(5, TimeUnit.SECONDS);
        assertThat(tokens).containsExactly("The", " sky", " is", " blue.");
        assertThat(response.aiMessage().text()).isEqualTo("The sky is blue.");
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(4);
    }

    @Test
    void scriptedFailureReachesStreamingHandler() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.builder().fail(new IllegalStateException("backend down")).build();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        model.chat(ChatRequest.builder().messages(UserMessage.from("hi")).build(), new StreamingChatResponseHandler() {
            @Override public void onCompleteResponse(ChatResponse r) { done.complete(r); }
            @Override public void onError(Throwable e) { done.completeExceptionally(e); }
        });

        assertThatThrownBy(() -> done.get(5, TimeUnit.SECONDS)).hasRootCauseMessage("backend down");
    }

    @Test
    void closingTheStreamOfAModelStepStopsTheProducer() throws Exception {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .reply("one two three four five six seven eight nine ten")
                .tokenDelay(Duration.ofMillis(20))
                .build();
        ChatModelRunnable step = ChatModelRunnable.of((dev.langchain4j.model.chat.StreamingChatModel) model);

        try (RunStream<AiMessage> stream = step.stream("count")) {
            assertThat(stream.next().text()).isEqualTo("one");
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (model.cancelledStreams() == 0 && System.nanoTime() < deadline) Thread.sleep(10);
        assertThat(model.cancelledStreams()).isEqualTo(1);
    }

    @Test
    void streamingStepCollectsTheWholeAnswer() {
        ScriptedChatModel model = ScriptedChatModel.of("Hello there, world");
        ChatModelRunnable step = ChatModelRunnable.of((dev.langchain4j.model.chat.StreamingChatModel) model);

        List<AiMessage> chunks = step.stream("hi").toList();

        assertThat(chunks).extracting(AiMessage::text).containsExactly("Hello", " there,", " world");
        assertThat(model.remaining()).isZero();
    }
}
