package dev.catena.llm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catena.llm.UnsupportedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The regex-defined pre-tokenizers (Llama 4 / GPT-4o, Tekken, DeepSeek V3 and Coder, Qwen 3.5, BLOOM,
 * Chameleon, Falcon...) and the scanned ones again against llama.cpp: bpe-llama-bpe's vocabulary (which has multi-digit tokens) with {@code tokenizer.ggml.pre} replaced
 * (tokenizer/bpe-extra-pre.json).
 */
class PreTokenizerReferenceTest {

    static List<String> pres() {
        List<String> names = new ArrayList<>();
        TokenizerFixtures.reference("bpe-extra-pre").get("ids").fieldNames().forEachRemaining(names::add);
        return names;
    }

    @ParameterizedTest
    @MethodSource("pres")
    void idsMatchLlamaCpp(String pre) {
        JsonNode ref = TokenizerFixtures.reference("bpe-extra-pre");
        Tokenizer t = withPre(pre);
        JsonNode texts = ref.get("texts");
        JsonNode ids = ref.get("ids").get(pre);
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i).asText();
            assertThat(t.encode(text)).as("pre %s: encode(%s)", pre, LlamaCppReferenceTest.quote(text))
                    .containsExactly(TokenizerFixtures.ints(ids.get(i)));
            assertThat(t.decode(t.encode(text))).isEqualTo(text);
        }
        assertThat(texts.size()).isGreaterThan(100);
    }

    @Test
    void everySupportedNameBuildsAndUnknownOnesAreRejected() {
        for (String pre : PreTokenizers.supported()) {
            assertThat(withPre(pre).encode("Hello, 世界 123!")).isNotEmpty();
        }
        assertThat(PreTokenizers.supported()).contains("llama-bpe", "qwen2", "smollm", "gpt-2", "default", "llama4",
                "tekken", "deepseek-v3");
        assertThatThrownBy(() -> withPre("kimi-k2")).isInstanceOf(UnsupportedModelException.class)
                .hasMessageContaining("'kimi-k2'");
    }

    private static Tokenizer withPre(String pre) {
        Vocabulary v = ((AbstractTokenizer) TokenizerFixtures.tokenizer("bpe-llama-bpe")).vocabulary;
        return Tokenizers.fromVocabulary(new Vocabulary(v.model(), pre, v.tokens(), v.scores(), v.types(), v.merges(),
                v.bos(), v.eos(), v.eot(), v.eom(), v.unknown(), v.padding(), v.addBos(), v.addSpacePrefix()));
    }
}
