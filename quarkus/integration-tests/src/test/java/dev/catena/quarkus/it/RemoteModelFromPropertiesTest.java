package dev.catena.quarkus.it;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An {@code openai-compatible} model configured only from properties, against Catena's own
 * OpenAI-compatible server running on 127.0.0.1: a blocking chat, a streamed one, a tool call and
 * its result, and a call that fails while the server is down and succeeds after it is started again.
 * The server serves a scripted model, one reply per request in this order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RemoteModelFromPropertiesTest {

    static final OpenAiServerProcess SERVER = new OpenAiServerProcess(List.of(
            "Paris is the capital of France.",
            "The Seine flows through Paris.",
            "tool:add {\"a\":2,\"b\":3}",
            "The sum is 5.",
            "Served again."));

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(OpenAiServerProcess.class))
            .overrideConfigKey("quarkus.catena.models.remote.type", "openai-compatible")
            .overrideConfigKey("quarkus.catena.models.remote.base-url", SERVER.baseUrl())
            .overrideConfigKey("quarkus.catena.models.remote.model", "local")
            .overrideConfigKey("quarkus.catena.models.remote.timeout-millis", "10000")
            .overrideConfigKey("quarkus.catena.models.remote.max-retries", "1")
            .overrideConfigKey("quarkus.catena.models.remote.temperature", "0");

    @Inject
    ChatModel model;

    @Inject
    StreamingChatModel streaming;

    @Inject
    @Named("remote")
    ChatModel remote;

    @BeforeAll
    static void startServer() {
        SERVER.start();
    }

    @AfterAll
    static void stopServer() {
        SERVER.close();
    }

    @Test
    @Order(1)
    void aBlockingChatGetsTheServedAnswer() {
        assertThat(model).isSameAs(remote);
        assertThat(model.chat("What is the capital of France?")).isEqualTo("Paris is the capital of France.");
    }

    @Test
    @Order(2)
    void aStreamedChatArrivesInSeveralPartsThatMakeTheAnswer() throws Exception {
        List<String> parts = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(List.of(UserMessage.from("Which river?")), new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String partial) { parts.add(partial); }
            @Override public void onCompleteResponse(ChatResponse response) { done.complete(response); }
            @Override public void onError(Throwable error) { done.completeExceptionally(error); }
        });
        ChatResponse response = done.get(30, TimeUnit.SECONDS);
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(String.join("", parts)).isEqualTo("The Seine flows through Paris.");
        assertThat(response.aiMessage().text()).isEqualTo("The Seine flows through Paris.");
    }

    @Test
    @Order(3)
    void aToolCallComesBackAndItsResultLeadsToTheAnswer() {
        ToolSpecification add = ToolSpecification.builder().name("add").description("Adds two integers")
                .parameters(JsonObjectSchema.builder().addIntegerProperty("a").addIntegerProperty("b").required("a", "b").build()).build();
        UserMessage question = UserMessage.from("What is 2 + 3?");
        ChatResponse first = model.chat(ChatRequest.builder().messages(question).toolSpecifications(add).build());

        assertThat(first.aiMessage().hasToolExecutionRequests()).isTrue();
        ToolExecutionRequest call = first.aiMessage().toolExecutionRequests().getFirst();
        assertThat(call.name()).isEqualTo("add");
        assertThat(call.arguments()).contains("\"a\":2").contains("\"b\":3");

        ChatResponse second = model.chat(ChatRequest.builder().messages(question, first.aiMessage(),
                ToolExecutionResultMessage.from(call, "5")).toolSpecifications(add).build());
        assertThat(second.aiMessage().text()).isEqualTo("The sum is 5.");
    }

    @Test
    @Order(4)
    void aCallFailsWhileTheServerIsDownAndTheSameBeanWorksAfterItIsBack() {
        SERVER.close();
        assertThatThrownBy(() -> model.chat("Anyone there?")).isInstanceOf(RuntimeException.class);

        SERVER.start();
        AiMessage answer = model.chat(ChatRequest.builder().messages(UserMessage.from("And now?")).build()).aiMessage();
        assertThat(answer.text()).isEqualTo("Paris is the capital of France.");
    }
}
