package dev.catena.chains.llm;

import dev.catena.core.parser.JsonOutputParser;
import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.prompt.ChatPromptTemplate;
import dev.catena.core.prompt.PromptTemplate;
import dev.catena.core.runnable.RunStream;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.message.AiMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.catena.chains.TestInputs.eventually;
import static dev.catena.chains.TestInputs.in;
import static dev.catena.chains.TestInputs.prompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmChainTest {

    @Test
    void formatsThePromptAsksTheModelAndParsesText() {
        ScriptedChatModel model = ScriptedChatModel.of("Because it was purr-suaded.");
        LlmChain chain = LlmChain.of(PromptTemplate.of("Tell a {style} joke about {topic}."), model);

        assertThat(chain.invoke(in("style", "short", "topic", "cats"))).isEqualTo("Because it was purr-suaded.");
        assertThat(prompt(model.lastRequest())).isEqualTo("Tell a short joke about cats.");
    }

    @Test
    void streamsTokensAsTheModelProducesThem() {
        ScriptedChatModel model = ScriptedChatModel.of("Paris is the capital");
        LlmChain chain = LlmChain.of(ChatPromptTemplate.builder().system("Be brief.").user("{q}").build(), model);

        List<Object> chunks = chain.stream(in("q", "Capital of France?")).toList();

        assertThat(chunks).containsExactly("Paris", " is", " the", " capital");
    }

    @Test
    void closingTheStreamEarlyCancelsTheModel() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .reply("one two three four five six seven eight nine ten eleven twelve")
                .tokenDelay(Duration.ofMillis(30)).build();
        LlmChain chain = LlmChain.of(PromptTemplate.of("count {n}"), model);

        try (RunStream<Object> stream = chain.stream(in("n", "12"))) {
            assertThat(stream.next()).isEqualTo("one");
        }
        eventually("the model stream is cancelled", () -> model.cancelledStreams() == 1);
    }

    @Test
    void batchKeepsInputOrder() {
        ScriptedChatModel model = ScriptedChatModel.builder()
                .replyWith(r -> AiMessage.from("echo: " + prompt(r)))
                .replyWith(r -> AiMessage.from("echo: " + prompt(r)))
                .replyWith(r -> AiMessage.from("echo: " + prompt(r)))
                .build();
        LlmChain chain = LlmChain.of(PromptTemplate.of("{x}"), model);

        assertThat(chain.batch(List.of(in("x", "a"), in("x", "b"), in("x", "c"))))
                .containsExactly("echo: a", "echo: b", "echo: c");
    }

    @Test
    void customParserTurnsTheAnswerIntoAValue() {
        ScriptedChatModel model = ScriptedChatModel.of("{\"city\": \"Paris\", \"population\": 2100000}");
        LlmChain chain = LlmChain.of(PromptTemplate.of("{q}"), ChatModelRunnable.of((dev.langchain4j.model.chat.ChatModel) model), JsonOutputParser.create());

        Object value = chain.invoke(in("q", "Largest city of France as JSON"));
        assertThat(value.toString()).contains("Paris").contains("2100000");
    }

    @Test
    void missingPromptVariableNamesIt() {
        LlmChain chain = LlmChain.of(PromptTemplate.of("About {topic}"), ScriptedChatModel.of("x"));
        assertThatThrownBy(() -> chain.invoke(in("other", 1))).hasMessageContaining("'topic'");
    }
}
