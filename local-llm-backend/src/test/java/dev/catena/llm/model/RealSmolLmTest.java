package dev.catena.llm.model;

import dev.catena.llm.compute.kernel.KernelCompute;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.catena.llm.model.ReferenceModels.ints;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real instruction-tuned SmolLM2 135M Instruct (Q4_1, installed by .ci/setup.d/11-smollm2.sh) against
 * llama.cpp on the same file: the ChatML rendering of its own chat template, the token ids of plain and
 * chat prompts (GPT-2 BPE, {@code smollm} pre-tokenizer), and greedy tokens from those ids on every kernel
 * backend. Under CI a missing file fails the test; elsewhere it is skipped.
 */
class RealSmolLmTest {

    static JsonNode reference(Path file) {
        JsonNode ref = ReferenceModels.reference("smollm2-135m-instruct-q4_1");
        assumeTrue(ReferenceModels.sha256(file).equals(ref.get("sha256").asText()),
                file + " is not the file the reference was computed on (SHA-256 differs); skipping");
        return ref;
    }

    static List<String> kernels() {
        return ReferenceModels.kernels();
    }

    @Test
    void chatTemplateAndTokenIdsMatchLlamaCpp() {
        Path file = SmolLmReference.file();
        JsonNode ref = reference(file);
        try (Model model = Model.load(file, KernelCompute.preferred(1))) {
            assertThat(model.tokenizer().addBos()).as("tokenizer.ggml.add_bos_token is false").isFalse();
            for (JsonNode c : ref.get("cases")) {
                String name = c.get("name").asText();
                String text = c.get("rendered").asText();
                if (c.has("chat")) {
                    assertThat(model.template().render(messages(c.get("chat")), List.of(), true))
                            .as(name + ": rendered chat template").isEqualTo(text);
                }
                int[] ids = model.tokenizer().encode(text, model.tokenizer().addBos(), c.get("parse_special").asBoolean());
                assertThat(ids).as(name + ": token ids").containsExactly(ints(c.get("ids")));
                if (!c.has("chat")) { // decode leaves out control tokens such as <|im_end|>
                    assertThat(model.tokenizer().decode(ids)).as(name + ": decoded ids").isEqualTo(text);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kernels")
    void greedyTokensMatchLlamaCpp(String kernels) {
        Path file = SmolLmReference.file();
        JsonNode ref = reference(file);
        try (ReferenceModels.Loaded m = ReferenceModels.load(file, 2, kernels)) {
            int compared = 0;
            for (JsonNode c : ref.get("cases")) {
                int[] prompt = ints(c.get("ids"));
                int[] tokens = ReferenceModels.greedy(m.transformer(), prompt, SmolLmReference.steps(c));
                compared += SmolLmReference.assertGreedyUntilNearTie(c.get("name").asText() + " on " + kernels, tokens, c);
            }
            assertThat(compared).as("tokens compared before near-ties, over all cases").isGreaterThanOrEqualTo(30);
        }
    }

    private static List<ChatMessage> messages(JsonNode chat) {
        List<ChatMessage> out = new ArrayList<>();
        for (JsonNode m : chat) {
            String content = m.get("content").asText();
            out.add(switch (m.get("role").asText()) {
                case "system" -> SystemMessage.from(content);
                case "user" -> UserMessage.from(content);
                default -> throw new IllegalArgumentException("role " + m.get("role"));
            });
        }
        return out;
    }
}
