package dev.catena.llm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token ids, token bytes, round trips and streaming decoding against llama.cpp's tokenizer on the same
 * GGUF vocabularies: small SentencePiece and byte-level BPE ones (every supported pre-tokenizer family)
 * and the real Gemma 3 270M file.
 */
class LlamaCppReferenceTest {

    static final String[] VOCABULARIES = TokenizerFixtures.VOCABULARIES;

    @ParameterizedTest
    @FieldSource("VOCABULARIES")
    void idsMatchLlamaCpp(String name) {
        checkIds(TokenizerFixtures.tokenizer(name), TokenizerFixtures.reference(name));
    }

    @ParameterizedTest
    @FieldSource("VOCABULARIES")
    void tokenBytesMatchLlamaCpp(String name) {
        checkPieces(TokenizerFixtures.tokenizer(name), TokenizerFixtures.reference(name));
    }

    @ParameterizedTest
    @FieldSource("VOCABULARIES")
    void decodeInvertsEncodeAndStreamsTheSameText(String name) {
        checkRoundTrips(TokenizerFixtures.tokenizer(name), TokenizerFixtures.reference(name));
    }

    @Test
    void realGemmaIdsMatchLlamaCpp() {
        Tokenizer gemma = TokenizerFixtures.gemma();
        JsonNode ref = TokenizerFixtures.reference("gemma3");
        assertThat(gemma.vocabularySize()).isEqualTo(ref.get("n_vocab").asInt());
        checkIds(gemma, ref);
        checkPieces(gemma, ref);
        checkRoundTrips(gemma, ref);
    }

    /**
     * The fixtures also hold the ids of the reference Python library (sentencepiece or HF tokenizers). Where it
     * agrees with llama.cpp, Catena's ids equal both; where it does not (sentencepiece gives no space prefix after
     * a user-defined token, llama.cpp does), Catena's ids are llama.cpp's and differ from the library's, and the
     * only such texts are the known ones.
     */
    @Test
    void whereTheReferenceLibraryDisagreesCatenaFollowsLlamaCpp() {
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        for (String name : VOCABULARIES) {
            Tokenizer tokenizer = TokenizerFixtures.tokenizer(name);
            for (JsonNode c : TokenizerFixtures.reference(name).get("cases")) {
                if (!c.has("library")) continue;
                String text = c.get("text").asText();
                int[] library = TokenizerFixtures.ints(c.get("library"));
                int[] plain = tokenizer.encode(text, false, false);
                int[] special = tokenizer.encode(text, false, true);
                compared++;
                if (java.util.Arrays.equals(plain, library) || java.util.Arrays.equals(special, library)) continue;
                disagreements.add(name + ": " + text);
                assertThat(plain).as("%s: %s", name, quote(text)).containsExactly(TokenizerFixtures.ints(c.get("bos0_special0")));
                assertThat(special).as("%s: %s", name, quote(text)).containsExactly(TokenizerFixtures.ints(c.get("bos0_special1")));
            }
            // the random corpus records only whether the library agreed: where it did not, Catena still equals llama.cpp
            for (JsonNode c : TokenizerFixtures.reference(name).get("random_cases")) {
                if (c.has("library_agrees") && !c.get("library_agrees").asBoolean()) {
                    String text = c.get("text").asText();
                    assertThat(name).isEqualTo("spm-bytefallback");
                    assertThat(text).contains("<h1>");
                    assertThat(tokenizer.encode(text, false, false)).as("%s: %s", name, quote(text))
                            .containsExactly(TokenizerFixtures.ints(c.get("special0")));
                }
            }
        }
        assertThat(compared).isEqualTo(3 * 41);
        assertThat(disagreements).containsExactly(
                "spm-bytefallback: <table><tr><td>cell</td></tr></table> <h1>title</h1>");
    }

    private static void checkIds(Tokenizer tokenizer, JsonNode ref) {
        int checked = 0;
        for (JsonNode c : ref.get("cases")) {
            String text = c.get("text").asText();
            for (boolean bos : new boolean[] {false, true}) {
                for (boolean special : new boolean[] {false, true}) {
                    int[] expected = TokenizerFixtures.ints(c.get("bos" + (bos ? 1 : 0) + "_special" + (special ? 1 : 0)));
                    int[] actual = tokenizer.encode(text, bos && tokenizer.addBos(), special);
                    assertThat(actual).as("%s: encode(%s, bos=%s, special=%s)", ref.get("source").asText(),
                            quote(text), bos, special).containsExactly(expected);
                    checked++;
                }
            }
        }
        for (JsonNode c : ref.get("random_cases")) {
            String text = c.get("text").asText();
            for (boolean special : new boolean[] {false, true}) {
                int[] expected = TokenizerFixtures.ints(c.get("special" + (special ? 1 : 0)));
                assertThat(tokenizer.encode(text, false, special)).as("%s: encode(%s, special=%s)",
                        ref.get("source").asText(), quote(text), special).containsExactly(expected);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(160 + 500);
    }

    private static void checkPieces(Tokenizer tokenizer, JsonNode ref) {
        AbstractTokenizer t = (AbstractTokenizer) tokenizer;
        Iterator<Map.Entry<String, JsonNode>> it = ref.get("pieces_base64").fields();
        int checked = 0;
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            int id = Integer.parseInt(e.getKey());
            assertThat(t.piece(id)).as("bytes of token %d %s", id, quote(t.tokenText(id)))
                    .containsExactly(TokenizerFixtures.base64(e.getValue()));
            checked++;
        }
        assertThat(checked).isGreaterThan(200);
    }

    private static void checkRoundTrips(Tokenizer tokenizer, JsonNode ref) {
        boolean spm = tokenizer instanceof SentencePieceTokenizer;
        for (JsonNode c : ref.get("random_cases")) {
            String text = c.get("text").asText();
            String expected = spm ? text.replace('\u2581', ' ') : text;
            assertThat(tokenizer.decode(tokenizer.encode(text))).as("decode(encode(%s))", quote(text)).isEqualTo(expected);
            int[] ids = TokenizerFixtures.ints(c.get("special1"));
            assertThat(streamed(tokenizer, ids)).as("streamed %s", quote(text)).isEqualTo(tokenizer.decode(ids));
        }
        for (JsonNode c : ref.get("cases")) {
            String text = c.get("text").asText();
            int[] plain = tokenizer.encode(text);
            assertThat(tokenizer.decode(plain)).as("decode(encode(%s))", quote(text)).isEqualTo(text);
            for (String combo : new String[] {"bos0_special0", "bos1_special0", "bos0_special1", "bos1_special1"}) {
                int[] ids = TokenizerFixtures.ints(c.get(combo));
                assertThat(streamed(tokenizer, ids)).as("streamed %s of %s", combo, quote(text))
                        .isEqualTo(tokenizer.decode(ids));
            }
        }
    }

    static String streamed(Tokenizer tokenizer, int[] ids) {
        TokenDecoder decoder = tokenizer.newDecoder();
        StringBuilder sb = new StringBuilder();
        for (int id : ids) {
            String part = decoder.append(id);
            assertThat(part.isEmpty() || !Character.isHighSurrogate(part.charAt(part.length() - 1)))
                    .as("a streamed part never ends inside a character").isTrue();
            sb.append(part);
        }
        return sb.append(decoder.flush()).toString();
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7F || cp == 0x85 || (cp >= 0x2000 && cp <= 0x206F) || cp == 0xFEFF) {
                sb.append(String.format("\\u%04X", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('"').toString();
    }
}
