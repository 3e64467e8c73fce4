package dev.catena.llm.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.llm.gguf.GgufFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;


/**
 * The committed tokenizer test data (src/test/resources/tokenizer, made by
 * src/test/reference/tokenizer/make_tokenizer_refs.py) and the real Gemma 3 270M file.
 */
final class TokenizerFixtures {

    /** The small vocab-only GGUFs, each with a llama.cpp reference JSON of the same name. */
    static final String[] VOCABULARIES = {"spm-bytefallback", "bpe-qwen2", "bpe-llama-bpe", "bpe-gpt-2", "bpe-smollm",
            "bpe-default"};

    private static final Map<String, Tokenizer> CACHE = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private TokenizerFixtures() {
    }

    static Path resource(String name) {
        try {
            var url = TokenizerFixtures.class.getResource("/tokenizer/" + name);
            if (url == null) {
                throw new IllegalStateException("test resource tokenizer/" + name + " is missing");
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The tokenizer of a committed vocabulary (cached). */
    static Tokenizer tokenizer(String name) {
        return CACHE.computeIfAbsent(name, n -> load(resource(n + ".gguf")));
    }

    static Tokenizer load(Path gguf) {
        try (GgufFile file = GgufFile.open(gguf)) {
            return Tokenizer.fromGguf(file.metadata());
        }
    }

    static JsonNode reference(String name) {
        try (InputStream in = Files.newInputStream(resource(name + ".json"))) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int[] ints(JsonNode array) {
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asInt();
        }
        return out;
    }

    static byte[] base64(JsonNode node) {
        return Base64.getDecoder().decode(node.asText());
    }

    /**
     * The real Gemma 3 270M file ({@code CATENA_MODEL_DIR} or {@code ~/.cache/catena/models}). Absent: the
     * test is skipped, except under CI (env CI set), where it fails with the setup command.
     */
    static Path gemmaFile() {
        return dev.catena.testing.ExternalInputs.gemma();
    }

    static Tokenizer gemma() {
        return CACHE.computeIfAbsent("gemma3", n -> load(gemmaFile()));
    }
}
