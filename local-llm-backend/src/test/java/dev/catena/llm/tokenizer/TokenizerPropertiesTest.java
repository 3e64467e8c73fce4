package dev.catena.llm.tokenizer;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.UniqueElements;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Round trips on arbitrary Unicode text for the byte-fallback SentencePiece and the byte-level BPE
 * vocabularies: decode(encode(s)) gives s back (lone surrogates as U+FFFD; for SentencePiece a literal
 * {@code ▁} as a space, since it is its space symbol), and streaming gives the same text as decode.
 */
class TokenizerPropertiesTest {

    @Property(tries = 400)
    void sentencePieceRoundTrip(@ForAll @StringLength(max = 60) String text) {
        Tokenizer t = TokenizerFixtures.tokenizer("spm-bytefallback");
        String expected = CodePoints.withoutLoneSurrogates(text).replace('\u2581', ' ');
        checkRoundTrip(t, text, expected);
    }

    @Property(tries = 400)
    void byteLevelRoundTrip(@ForAll @StringLength(max = 60) String text) {
        for (String name : new String[] {"bpe-qwen2", "bpe-llama-bpe", "bpe-default"}) {
            checkRoundTrip(TokenizerFixtures.tokenizer(name), text, CodePoints.withoutLoneSurrogates(text));
        }
    }

    @Property(tries = 300)
    void roundTripOnMixedScriptsAndWhitespace(@ForAll("mixed") String text) {
        for (String name : TokenizerFixtures.VOCABULARIES) {
            Tokenizer t = TokenizerFixtures.tokenizer(name);
            String expected = name.startsWith("spm") ? text.replace('\u2581', ' ') : text;
            checkRoundTrip(t, text, expected);
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> mixed() {
        return net.jqwik.api.Arbitraries.of("a", "Z", " ", "  ", "\t", "\n", "\r\n", "é", "学", "習", "😀", "👍🏽", "'s",
                "1", "123", "٣", ".", "...", "<", ">", "/", "\u00a0", "\u3000", "\u200d", "\u0301", "ß", "Ω")
                .list().ofMaxSize(30).map(parts -> String.join("", parts));
    }

    @Property(tries = 200)
    void arbitraryIdsDecodeAndStreamAlike(@ForAll("ids") int[] ids) {
        for (String name : new String[] {"spm-bytefallback", "bpe-qwen2"}) {
            Tokenizer t = TokenizerFixtures.tokenizer(name);
            int[] valid = java.util.Arrays.stream(ids).map(i -> Math.floorMod(i, t.vocabularySize())).toArray();
            assertThat(LlamaCppReferenceTest.streamed(t, valid)).isEqualTo(t.decode(valid));
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<int[]> ids() {
        return net.jqwik.api.Arbitraries.integers().between(0, 5000).array(int[].class).ofMaxSize(40);
    }

    private static void checkRoundTrip(Tokenizer t, String text, String expected) {
        int[] ids = t.encode(text);
        for (int id : ids) {
            assertThat(id).isBetween(0, t.vocabularySize() - 1);
        }
        assertThat(t.decode(ids)).isEqualTo(expected);
        List<String> parts = new ArrayList<>();
        TokenDecoder d = t.newDecoder();
        for (int id : ids) {
            parts.add(d.append(id));
        }
        parts.add(d.flush());
        assertThat(String.join("", parts)).isEqualTo(expected);
    }
}
