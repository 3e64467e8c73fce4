package dev.catena.llm.tokenizer;

import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufFormatException;
import dev.catena.llm.gguf.GgufMetadata;
import dev.catena.llm.gguf.GgufValueType;
import dev.catena.llm.tools.GgufWriter;
import dev.catena.llm.UnsupportedModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Special tokens, end of generation, streaming, bad ids and bad vocabulary metadata. */
class TokenizerBehaviourTest {

    static final String[] VOCABULARIES = TokenizerFixtures.VOCABULARIES;

    @ParameterizedTest
    @FieldSource("VOCABULARIES")
    void idsOutsideTheVocabularyAreRejectedWithTheId(String name) {
        Tokenizer t = TokenizerFixtures.tokenizer(name);
        int n = t.vocabularySize();
        for (int bad : new int[] {-1, n, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> t.decode(new int[] {0, bad})).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("token id " + bad).hasMessageContaining(n + " tokens");
            assertThatThrownBy(() -> t.newDecoder().append(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> t.tokenText(bad)).isInstanceOf(IllegalArgumentException.class);
            assertThat(t.isEndOfGeneration(bad)).isFalse();
        }
    }

    @ParameterizedTest
    @FieldSource("VOCABULARIES")
    void loneSurrogatesEncodeAsTheReplacementCharacter(String name) {
        Tokenizer t = TokenizerFixtures.tokenizer(name);
        assertThat(t.encode("a\uD83Db")).containsExactly(t.encode("a\uFFFDb"));
        assertThat(t.encode("\uDE00x\uD83D")).containsExactly(t.encode("\uFFFDx\uFFFD"));
        assertThat(t.decode(t.encode("x\uD83D"))).isEqualTo("x\uFFFD");
    }

    @Test
    void streamingHoldsBackAnIncompleteCharacter() {
        Tokenizer t = TokenizerFixtures.tokenizer("spm-bytefallback");
        int[] ids = t.encode("🦜", false, false);
        // the emoji is not in the small vocabulary: ▁ then its four byte tokens
        assertThat(ids).hasSize(5);
        assertThat(t.tokenText(ids[1])).isEqualTo("<0xF0>");
        TokenDecoder d = t.newDecoder();
        assertThat(d.append(ids[0])).isEmpty(); // the space prefix, stripped
        assertThat(d.append(ids[1])).isEmpty();
        assertThat(d.append(ids[2])).isEmpty();
        assertThat(d.append(ids[3])).isEmpty();
        assertThat(d.append(ids[4])).isEqualTo("🦜");
        assertThat(d.flush()).isEmpty();
        // cut short: flush renders the incomplete bytes as U+FFFD and resets
        assertThat(d.append(ids[1])).isEmpty();
        assertThat(d.append(ids[2])).isEmpty();
        assertThat(d.flush()).isEqualTo("\uFFFD");
        StringBuilder after = new StringBuilder();
        for (int id : t.encode("ok")) {
            after.append(d.append(id));
        }
        assertThat(after.append(d.flush()).toString()).isEqualTo("ok");
    }

    @Test
    void byteLevelStreamingJoinsMultiTokenCharacters() {
        Tokenizer t = TokenizerFixtures.tokenizer("bpe-qwen2");
        String text = "👨‍👩‍👧 学习 ß";
        int[] ids = t.encode(text);
        TokenDecoder d = t.newDecoder();
        List<String> parts = new ArrayList<>();
        for (int id : ids) {
            parts.add(d.append(id));
        }
        parts.add(d.flush());
        assertThat(String.join("", parts)).isEqualTo(text);
        assertThat(parts).allSatisfy(p -> assertThat(p).doesNotContain("\uFFFD"));
        assertThat((long) ids.length).isGreaterThan(parts.stream().filter(p -> !p.isEmpty()).count());
    }

    @Test
    void controlTokensAreParsedOnlyWhenAskedAndUserDefinedOnesAlways() {
        Tokenizer t = TokenizerFixtures.tokenizer("spm-bytefallback");
        int start = id(t, "<start_of_turn>");
        int h1 = id(t, "<h1>");
        assertThat(t.encode("<start_of_turn>", false, true)).containsExactly(start);
        assertThat(t.encode("<start_of_turn>", false, false)).doesNotContain(start);
        assertThat(t.encode("x<h1>", false, false)).endsWith(h1);
        assertThat(t.decode(t.encode("<start_of_turn>hi", false, true))).isEqualTo("<start_of_turn>hi");

        Tokenizer q = TokenizerFixtures.tokenizer("bpe-qwen2");
        int imEnd = id(q, "<|im_end|>");
        assertThat(q.encode("a<|im_end|>", false, true)).endsWith(imEnd);
        assertThat(q.encode("a<|im_end|>", false, false)).doesNotContain(imEnd);
    }

    @Test
    void bosIsAddedOnlyWhenAskedAndSilentWhenDecoded() {
        Tokenizer t = TokenizerFixtures.tokenizer("spm-bytefallback");
        assertThat(t.addBos()).isTrue();
        assertThat(t.encode("", true, false)).containsExactly(t.bosToken());
        assertThat(t.encode("", false, false)).isEmpty();
        int[] hi = t.encode("hi there", true, false);
        assertThat(hi[0]).isEqualTo(t.bosToken());
        int[] withEos = java.util.Arrays.copyOf(hi, hi.length + 1);
        withEos[hi.length] = t.eosToken();
        assertThat(t.decode(withEos)).isEqualTo("hi there");
        assertThat(TokenizerFixtures.tokenizer("bpe-qwen2").addBos()).isFalse();
        assertThat(TokenizerFixtures.tokenizer("bpe-llama-bpe").addBos()).isTrue();
    }

    @Test
    void endOfGenerationCoversEosEotAndTurnMarkers() {
        Tokenizer q = TokenizerFixtures.tokenizer("bpe-qwen2");
        assertThat(q.isEndOfGeneration(id(q, "<|im_end|>"))).isTrue();
        assertThat(q.isEndOfGeneration(id(q, "<|endoftext|>"))).isTrue();
        assertThat(q.isEndOfGeneration(id(q, "<|im_start|>"))).isFalse();
        assertThat(q.isEndOfGeneration(q.encode("the")[0])).isFalse();
        Tokenizer l = TokenizerFixtures.tokenizer("bpe-llama-bpe");
        assertThat(l.isEndOfGeneration(id(l, "<|eot_id|>"))).isTrue();
        assertThat(l.isEndOfGeneration(id(l, "<|end_of_text|>"))).isTrue();
        assertThat(l.isEndOfGeneration(id(l, "<|begin_of_text|>"))).isFalse();
        Tokenizer s = TokenizerFixtures.tokenizer("spm-bytefallback");
        assertThat(s.isEndOfGeneration(s.eosToken())).isTrue();
        assertThat(s.isEndOfGeneration(id(s, "<end_of_turn>"))).isTrue();
        assertThat(s.isEndOfGeneration(id(s, "<start_of_turn>"))).isFalse();
    }

    @Test
    void realGemmaSpecialTokens() {
        Tokenizer g = TokenizerFixtures.gemma();
        assertThat(g.bosToken()).isEqualTo(2);
        assertThat(g.tokenText(106)).isEqualTo("<end_of_turn>");
        assertThat(g.isEndOfGeneration(1)).isTrue();
        assertThat(g.isEndOfGeneration(106)).isTrue();
        assertThat(g.isEndOfGeneration(105)).isFalse();
        // runs of spaces, tabs and newlines are user-defined tokens, matched whole
        assertThat(g.encode("a    b")).containsExactly(g.encode("a")[0], 140, g.encode("b")[0]);
        assertThat(g.decode(g.encode("\t\t\tx\n\n"))).isEqualTo("\t\t\tx\n\n");
    }

    @Test
    void unsupportedTokenizerKindsNameTheKey() {
        assertThatThrownBy(() -> Tokenizer.fromGguf(metadata(w -> w.putString("tokenizer.ggml.model", "bert"))))
                .isInstanceOf(UnsupportedModelException.class).hasMessageContaining("tokenizer.ggml.model = 'bert'");
        assertThatThrownBy(() -> Tokenizer.fromGguf(metadata(w -> {
            w.putString("tokenizer.ggml.model", "gpt2");
            w.putString("tokenizer.ggml.pre", "no-such-pre");
            w.putArray("tokenizer.ggml.merges", GgufValueType.STRING, List.of("a b"));
        }))).isInstanceOf(UnsupportedModelException.class).hasMessageContaining("tokenizer.ggml.pre = 'no-such-pre'")
                .hasMessageContaining("qwen2");
        assertThatThrownBy(() -> Tokenizer.fromGguf(metadata(w -> {
            w.putString("tokenizer.ggml.model", "gpt2");
            w.putArray("tokenizer.ggml.merges", GgufValueType.STRING, List.of("a b", "ab"));
        }))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokenizer.ggml.merges[1] = 'ab'");
    }

    @Test
    void badVocabularyMetadataNamesTheKey() {
        assertThatThrownBy(() -> Vocabulary.fromGguf(metadata(w -> w.put("tokenizer.ggml.model", GgufValueType.UINT32, 3L))))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("tokenizer.ggml.model");
        assertThatThrownBy(() -> Vocabulary.fromGguf(metadata(w -> {
            w.putString("tokenizer.ggml.model", "gpt2");
        }))).isInstanceOf(GgufFormatException.class).hasMessageContaining("tokenizer.ggml.merges");
        assertThatThrownBy(() -> Vocabulary.fromGguf(metadata(w ->
                w.putArray("tokenizer.ggml.token_type", GgufValueType.INT32, List.of(1, 1, 9)))))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("tokenizer.ggml.token_type[2]");
        assertThatThrownBy(() -> Vocabulary.fromGguf(metadata(w ->
                w.putArray("tokenizer.ggml.scores", GgufValueType.FLOAT32, List.of(0f)))))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("tokenizer.ggml.scores");
        assertThatThrownBy(() -> Vocabulary.fromGguf(metadata(w -> w.putInt32("tokenizer.ggml.bos_token_id", 3))))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("tokenizer.ggml.bos_token_id = 3");
        assertThatThrownBy(() -> Vocabulary.fromGguf(metadata(w ->
                w.putArray("tokenizer.ggml.tokens", GgufValueType.STRING, List.of()))))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("tokenizer.ggml.tokens");
        assertThatThrownBy(() -> Vocabulary.fromGguf(metadata(w -> w.putString("tokenizer.ggml.add_bos_token", "yes"))))
                .isInstanceOf(GgufFormatException.class).hasMessageContaining("tokenizer.ggml.add_bos_token");
    }

    @Test
    void sentencePieceDefaultsFollowLlamaCpp() {
        Vocabulary v = Vocabulary.fromGguf(metadata(w -> { }));
        assertThat(v.bos()).isEqualTo(1);
        assertThat(v.eos()).isEqualTo(2);
        assertThat(v.unknown()).isEqualTo(0);
        assertThat(v.addBos()).isTrue();
        assertThat(v.addSpacePrefix()).isTrue();
        assertThat(v.preTokenizer()).isEqualTo("default");
    }

    private static int id(Tokenizer t, String text) {
        for (int i = 0; i < t.vocabularySize(); i++) {
            if (t.tokenText(i).equals(text)) {
                return i;
            }
        }
        throw new AssertionError(text + " is not in the vocabulary");
    }

    /** Metadata of a three-token SentencePiece vocabulary, changed by {@code edit}. */
    private static GgufMetadata metadata(Consumer<GgufWriter> edit) {
        GgufWriter w = new GgufWriter();
        w.putString("general.architecture", "llama");
        w.putString("tokenizer.ggml.model", "llama");
        w.putArray("tokenizer.ggml.tokens", GgufValueType.STRING, List.of("<unk>", "<s>", "</s>"));
        w.putArray("tokenizer.ggml.scores", GgufValueType.FLOAT32, List.of(0f, 0f, 0f));
        w.putArray("tokenizer.ggml.token_type", GgufValueType.INT32, List.of(2, 3, 3));
        edit.accept(w);
        byte[] bytes = w.toBytes();
        return GgufFile.read(MemorySegment.ofArray(bytes), "test-" + new String(bytes, 0, 4, StandardCharsets.US_ASCII)
                + ".gguf").metadata();
    }
}
