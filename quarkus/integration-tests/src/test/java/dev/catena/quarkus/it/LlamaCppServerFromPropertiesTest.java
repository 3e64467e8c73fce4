package dev.catena.quarkus.it;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same properties-only {@code openai-compatible} model as {@link RemoteModelFromPropertiesTest}, against
 * llama.cpp's own server serving a real model. On demand (it needs llama-cpp-python, ~20 minutes to compile):
 * start {@code python -m llama_cpp.server --model FILE.gguf --host 127.0.0.1 --port 8090} and run this class with
 * {@code CATENA_LLAMA_SERVER_URL=http://127.0.0.1:8090/v1}; see quarkus/README.md.
 */
@EnabledIfEnvironmentVariable(named = "CATENA_LLAMA_SERVER_URL", matches = "https?://.+")
class LlamaCppServerFromPropertiesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.catena.models.llama.type", "openai-compatible")
            .overrideConfigKey("quarkus.catena.models.llama.base-url",
                    System.getenv().getOrDefault("CATENA_LLAMA_SERVER_URL", "http://127.0.0.1:1/v1"))
            .overrideConfigKey("quarkus.catena.models.llama.model", "local")
            .overrideConfigKey("quarkus.catena.models.llama.timeout-millis", "120000")
            .overrideConfigKey("quarkus.catena.models.llama.max-tokens", "24")
            .overrideConfigKey("quarkus.catena.models.llama.temperature", "0");

    @Inject
    ChatModel model;

    @Inject
    StreamingChatModel streaming;

    @Test
    void aBlockingChatAndAStreamedOneGetTheModelsAnswer() throws Exception {
        String blocking = model.chat("What is the capital of France? Answer in one word.");
        assertThat(blocking).isNotBlank();

        List<String> parts = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        streaming.chat(List.of(UserMessage.from("What is the capital of France? Answer in one word.")),
                new StreamingChatResponseHandler() {
                    @Override public void onPartialResponse(String partial) { parts.add(partial); }
                    @Override public void onCompleteResponse(ChatResponse response) { done.complete(response); }
                    @Override public void onError(Throwable error) { done.completeExceptionally(error); }
                });
        ChatResponse response = done.get(120, TimeUnit.SECONDS);
        assertThat(parts).isNotEmpty();
        assertThat(String.join("", parts)).isEqualTo(response.aiMessage().text());
        // greedy decoding on the same server: the streamed answer is the blocking one
        assertThat(response.aiMessage().text().strip()).isEqualTo(blocking.strip());
    }
}
