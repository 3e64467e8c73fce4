package dev.catena.llm.tokenizer;

import dev.catena.llm.gguf.GgufMetadata;

import java.util.List;

/** Reads a {@link Vocabulary} from the {@code tokenizer.ggml.*} keys of GGUF metadata. */
final class GgufVocabularyReader {

    private GgufVocabularyReader() {
    }

    static Vocabulary read(GgufMetadata md) {
        String model = md.getString("tokenizer.ggml.model");
        List<String> tokens = md.getStringArray("tokenizer.ggml.tokens");
        float[] scores = md.contains("tokenizer.ggml.scores") ? md.getFloatArray("tokenizer.ggml.scores") : null;
        List<TokenType> types = md.contains("tokenizer.ggml.token_type")
                ? Vocabulary.typesFromCodes(md.getIntArray("tokenizer.ggml.token_type"))
                : java.util.Collections.nCopies(tokens.size(), TokenType.NORMAL);
        List<String> merges = md.contains("tokenizer.ggml.merges") ? md.getStringArray("tokenizer.ggml.merges") : null;
        return new Vocabulary(
                model,
                md.findString("tokenizer.ggml.pre").orElse("default"),
                tokens,
                scores,
                types,
                merges,
                md.findInt("tokenizer.ggml.bos_token_id").orElse(-1),
                md.findInt("tokenizer.ggml.eos_token_id").orElse(-1),
                md.findInt("tokenizer.ggml.eot_token_id").orElse(-1),
                md.findInt("tokenizer.ggml.unknown_token_id").orElse(-1),
                md.findInt("tokenizer.ggml.padding_token_id").orElse(-1),
                md.findBoolean("tokenizer.ggml.add_bos_token").orElse(model.equals("llama")),
                md.findBoolean("tokenizer.ggml.add_space_prefix").orElse(model.equals("llama")));
    }
}
