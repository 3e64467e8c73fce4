package dev.catena.chains.transform;

import dev.catena.chains.llm.LlmChain;
import dev.catena.chains.sequential.SequentialChain;
import dev.catena.core.prompt.PromptTemplate;
import dev.catena.testing.ScriptedChatModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.catena.chains.TestInputs.in;
import static dev.catena.chains.TestInputs.prompt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TransformChainTest {

    private final TransformChain firstParagraph = TransformChain.of(List.of("text"), List.of("paragraph"),
            in -> Map.of("paragraph", ((String) in.get("text")).split("\n\n")[0], "extra", 1));

    @Test
    void returnsOnlyTheDeclaredOutputs() {
        assertThat(firstParagraph.invoke(in("text", "First.\n\nSecond.", "other", 2)))
                .containsExactly(Map.entry("paragraph", "First."));
    }

    @Test
    void composesInASequentialChain() {
        ScriptedChatModel model = ScriptedChatModel.of("Short.");
        SequentialChain chain = SequentialChain.of(List.of("text"), List.of(
                new SequentialChain.Step("cut", firstParagraph.map(m -> m.get("paragraph"))),
                new SequentialChain.Step("summary", LlmChain.of(PromptTemplate.of("Summarize: {cut}"), model))), List.of());

        assertThat(chain.invoke(in("text", "Alpha beta.\n\nGamma."))).containsEntry("summary", "Short.");
        assertThat(prompt(model.lastRequest())).isEqualTo("Summarize: Alpha beta.");
    }

    @Test
    void wrongInputOrFunctionIsNamed() {
        assertThatThrownBy(() -> firstParagraph.invoke(in("txt", "x"))).hasMessageContaining("missing input 'text'");
        TransformChain broken = TransformChain.of(List.of("a"), List.of("b"), in -> Map.of("c", 1));
        assertThatThrownBy(() -> broken.invoke(in("a", 1))).hasMessageContaining("did not return output 'b'")
                .hasMessageContaining("[c]");
        assertThatThrownBy(() -> TransformChain.of(List.of("a"), List.of(), in -> Map.of()))
                .hasMessageContaining("at least one output");
    }
}
