package dev.catena.quarkus.deployment;

import dev.catena.core.memory.ConversationMemory;
import dev.catena.core.runnable.Runnable;
import dev.catena.quarkus.runtime.CatenaRuntime;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Components from properties and YAML are beans: the model marked {@code default=true} is the plain
 * {@code @Inject} ChatModel and StreamingChatModel, every component injects by {@code @Named} or
 * {@code @Identifier}, and a YAML chain injects with its generic type.
 */
class ConfiguredBeansTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource(new StringAsset("""
                    apiVersion: catena/v1
                    kind: Chain
                    name: greet
                    type: llm
                    model: {bean: main}
                    template: "Greet {who}"
                    """), "catena/greet.yaml"))
            .overrideConfigKey("quarkus.catena.models.main.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.main.default", "true")
            .overrideConfigKey("quarkus.catena.models.main.responses", "Hello\\, Ada,Hello\\, Ada,Hello\\, Ada,Hello\\, Ada")
            .overrideConfigKey("quarkus.catena.models.other.type", "scripted")
            .overrideConfigKey("quarkus.catena.models.other.responses[0]", "from other")
            .overrideConfigKey("quarkus.catena.models.other.token-delay-millis", "0")
            .overrideConfigKey("quarkus.catena.models.other.path", "")
            .overrideConfigKey("quarkus.catena.memories.window.type", "message-window")
            .overrideConfigKey("quarkus.catena.memories.window.max-messages", "2");

    @Inject
    ChatModel defaultModel;

    @Inject
    StreamingChatModel defaultStreaming;

    @Inject
    @Named("other")
    ChatModel other;

    @Inject
    @Identifier("other")
    ChatModel otherByIdentifier;

    @Inject
    @Named("greet")
    Runnable<Map<String, Object>, Object> greet;

    @Inject
    @Named("greet")
    Runnable<Map<String, Object>, String> greetAsString;

    @Inject
    @Named("window")
    ConversationMemory window;

    @Inject
    @Any
    Instance<ChatModel> allModels;

    @Inject
    CatenaRuntime runtime;

    @Test
    void thePlainInjectedModelIsTheOneMarkedDefaultAndAnEscapedCommaStaysInOneReply() {
        assertThat(defaultModel.chat("hi")).isEqualTo("Hello, Ada");
        assertThat(defaultModel).isSameAs(runtime.configured("main"));
    }

    @Test
    void theDefaultStreamingModelIsTheSameComponent() throws Exception {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        defaultStreaming.chat(List.of(UserMessage.from("hi")), new StreamingChatResponseHandler() {
            @Override public void onPartialResponse(String partial) { }
            @Override public void onCompleteResponse(ChatResponse response) { done.complete(response); }
            @Override public void onError(Throwable error) { done.completeExceptionally(error); }
        });
        assertThat(done.get(10, TimeUnit.SECONDS).aiMessage().text()).isNotBlank();
        assertThat(runtime.configured("main")).isInstanceOf(StreamingChatModel.class);
    }

    @Test
    void otherComponentsInjectByNameOrIdentifierFromIndexedListPropertiesAndAnEmptyKeyIsUnset() {
        assertThat(other.chat("x")).isEqualTo("from other");
        assertThat(otherByIdentifier).isSameAs(runtime.configured("other"));
    }

    @Test
    void aYamlChainInjectsWithItsGenericTypesAndUsesTheConfiguredModel() {
        assertThat(greet.invoke(Map.of("who", "Ada")).toString()).isNotBlank();
        assertThat(greetAsString).isNotNull();
    }

    @Test
    void aConfiguredMemoryIsABeanWithItsSpecFields() {
        window.add("c1", List.of(UserMessage.from("one")));
        window.add("c1", List.of(UserMessage.from("two")));
        window.add("c1", List.of(UserMessage.from("three")));
        assertThat(window.messages("c1")).hasSize(2);
    }

    @Test
    void everyComponentIsABeanButOnlyOneChatModelIsDefault() {
        assertThat(allModels.stream().count()).isGreaterThanOrEqualTo(2);
        assertThat(runtime.names()).contains("main", "other", "window", "greet");
    }
}
