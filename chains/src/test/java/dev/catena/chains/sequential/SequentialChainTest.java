package dev.catena.chains.sequential;

import dev.catena.chains.llm.LlmChain;
import dev.catena.core.prompt.PromptTemplate;
import dev.catena.testing.ScriptedChatModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.catena.chains.TestInputs.in;
import static dev.catena.chains.TestInputs.prompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SequentialChainTest {

    private final ScriptedChatModel writer = ScriptedChatModel.of("A clock that runs backwards.");
    private final ScriptedChatModel critic = ScriptedChatModel.of("Charming but slow.");

    private SequentialChain chain() {
        return SequentialChain.of(List.of("title", "era"), List.of(
                new SequentialChain.Step("synopsis", LlmChain.of(PromptTemplate.of("Synopsis of '{title}' set in {era}."), writer)),
                new SequentialChain.Step("review", LlmChain.of(PromptTemplate.of("Review of '{title}': {synopsis}"), critic))),
                List.of("synopsis", "review"));
    }

    @Test
    void eachStepSeesTheInputsAndEarlierOutputs() {
        Map<String, Object> out = chain().invoke(in("title", "Tick", "era", "1890s", "ignored", true));

        assertThat(out).containsExactly(Map.entry("synopsis", "A clock that runs backwards."), Map.entry("review", "Charming but slow."));
        assertThat(prompt(writer.lastRequest())).isEqualTo("Synopsis of 'Tick' set in 1890s.");
        assertThat(prompt(critic.lastRequest())).isEqualTo("Review of 'Tick': A clock that runs backwards.");
    }

    @Test
    void streamsSnapshotsOfTheOutputsWhileTheLastStepGenerates() {
        List<Map<String, Object>> snapshots = chain().stream(in("title", "Tick", "era", "1890s")).toList();

        assertThat(snapshots).hasSize(3); // "Charming", " but", " slow."
        assertThat(snapshots.getFirst()).containsEntry("review", "Charming").containsEntry("synopsis", "A clock that runs backwards.");
        assertThat(snapshots.getLast()).containsEntry("review", "Charming but slow.");
    }

    @Test
    void namesAreCheckedWhenBuilt() {
        LlmChain any = LlmChain.of(PromptTemplate.of("{title}"), ScriptedChatModel.of("x"));
        assertThatThrownBy(() -> SequentialChain.of(List.of("title"), List.of(new SequentialChain.Step("title", any)), List.of()))
                .hasMessageContaining("steps[0] output 'title' is already an input");
        assertThatThrownBy(() -> SequentialChain.of(List.of("title"), List.of(new SequentialChain.Step("a", any)), List.of("b")))
                .hasMessageContaining("output 'b'").hasMessageContaining("known: title, a");
        assertThatThrownBy(() -> SequentialChain.of(List.of("title"), List.of(), List.of()))
                .hasMessageContaining("at least one step");
    }

    @Test
    void missingInputIsNamed() {
        assertThatThrownBy(() -> chain().invoke(in("title", "Tick")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing input 'era'").hasMessageContaining("got: title");
    }

    @Test
    void withoutOutputNamesReturnsTheLastStep() {
        SequentialChain c = SequentialChain.of(List.of("title"), List.of(
                new SequentialChain.Step("synopsis", LlmChain.of(PromptTemplate.of("{title}"), ScriptedChatModel.of("s")))), List.of());
        assertThat(c.invoke(in("title", "t"))).containsExactly(Map.entry("synopsis", "s"));
    }
}
