package dev.catena.chains.router;

import dev.catena.chains.BagOfWordsEmbeddingModel;
import dev.catena.chains.llm.LlmChain;
import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;
import dev.catena.core.prompt.PromptTemplate;
import dev.catena.core.runnable.RunConfig;
import dev.catena.testing.ScriptedChatModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.catena.chains.TestInputs.in;
import static dev.catena.chains.TestInputs.prompt;
import static org.assertj.core.api.Assertions.assertThat;

class RouterChainTest {

    private final ScriptedChatModel physics = ScriptedChatModel.of("Light travels at 299,792 km/s.");
    private final ScriptedChatModel cooking = ScriptedChatModel.of("Knead the dough ten minutes.");
    private final ScriptedChatModel general = ScriptedChatModel.of("I can help with that.");

    private Map<String, LlmChain> destinations() {
        return Map.of(
                "physics", LlmChain.of(PromptTemplate.of("Physicist, answer: {input}"), physics),
                "cooking", LlmChain.of(PromptTemplate.of("Chef, answer: {input}"), cooking));
    }

    private LlmChain fallback() {
        return LlmChain.of(PromptTemplate.of("Answer: {input}"), general);
    }

    @Test
    void llmRouterSendsTheInputToTheNamedDestination() {
        ScriptedChatModel routerModel = ScriptedChatModel.of("  \"Physics\".\n(because it is about light)");
        RouterChain chain = RouterChain.of(LlmRouter.of(routerModel, Map.of("physics", "questions about physics",
                "cooking", "questions about food"), "input"), destinations(), fallback());
        List<Object> events = new CopyOnWriteArrayList<>();
        RunConfig config = RunConfig.builder().addCallback(new CallbackHandler() {
            @Override public void onEvent(RunInfo run, String name, Object payload) {
                if (name.equals("route")) events.add(payload);
            }
        }).build();

        assertThat(chain.invoke(in("input", "How fast is light?"), config)).isEqualTo("Light travels at 299,792 km/s.");
        assertThat(prompt(routerModel.lastRequest())).contains("- physics: questions about physics")
                .contains("- cooking: questions about food").endsWith("How fast is light?");
        assertThat(prompt(physics.lastRequest())).isEqualTo("Physicist, answer: How fast is light?");
        assertThat(events).containsExactly("physics");
        assertThat(cooking.requests()).isEmpty();
    }

    @Test
    void unknownOrDefaultAnswerGoesToTheDefaultDestination() {
        ScriptedChatModel routerModel = ScriptedChatModel.of("poetry", "DEFAULT");
        RouterChain chain = RouterChain.of(LlmRouter.of(routerModel, Map.of("physics", "p", "cooking", "c"), "input"),
                destinations(), LlmChain.of(PromptTemplate.of("Answer: {input}"),
                        ScriptedChatModel.of("I can help with that.", "Sure.")));

        assertThat(chain.invoke(in("input", "Write me a sonnet"))).isEqualTo("I can help with that.");
        assertThat(chain.invoke(in("input", "Hello"))).isEqualTo("Sure.");
        assertThat(physics.requests()).isEmpty();
        assertThat(cooking.requests()).isEmpty();
    }

    @Test
    void streamsTheChosenDestination() {
        RouterChain chain = RouterChain.of(LlmRouter.of(ScriptedChatModel.of("cooking"), Map.of("physics", "p", "cooking", "c"), "input"),
                destinations(), fallback());
        assertThat(chain.stream(in("input", "How long to knead bread?")).toList())
                .containsExactly("Knead", " the", " dough", " ten", " minutes.");
    }

    @Test
    void embeddingRouterPicksTheMostSimilarExamplesAndFallsBackBelowTheThreshold() {
        BagOfWordsEmbeddingModel embeddings = new BagOfWordsEmbeddingModel();
        EmbeddingRouter router = EmbeddingRouter.of(embeddings, Map.of(
                "physics", List.of("how fast does light travel", "what is quantum entanglement"),
                "cooking", List.of("how do I bake bread", "recipe for tomato soup")), 0.3, "input");
        RouterChain chain = RouterChain.of(router, destinations(),
                LlmChain.of(PromptTemplate.of("Answer: {input}"), ScriptedChatModel.of("I can help with that.")));

        assertThat(chain.invoke(in("input", "bake sourdough bread"))).isEqualTo("Knead the dough ten minutes.");
        assertThat(chain.invoke(in("input", "light speed, how fast?"))).isEqualTo("Light travels at 299,792 km/s.");
        assertThat(chain.invoke(in("input", "write a sonnet"))).isEqualTo("I can help with that.");
        int examplesEmbedded = 4;
        assertThat(embeddings.embedded()).as("examples are embedded once, then one query per call").isEqualTo(examplesEmbedded + 3);
    }
}
