package dev.catena.llm.tokenizer;

import dev.catena.llm.gguf.UnsupportedModelException;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pre-tokenizers of {@code tokenizer.ggml.pre} for byte-level BPE ({@code gpt2}) vocabularies, as
 * llama.cpp maps the names: the Llama 3 family ({@code llama-bpe}, {@code llama3}...), Qwen 2
 * ({@code qwen2}, {@code deepseek-r1-qwen}...), GPT-2 ({@code gpt-2}, {@code olmo}, {@code mpt}...), the
 * digit-splitting StarCoder family ({@code smollm}, {@code starcoder}, {@code command-r}...), {@code falcon}
 * and {@code default}. Another name is an {@link UnsupportedModelException}.
 */
final class PreTokenizers {

    private static final Set<String> LLAMA3 = Set.of("llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1",
            "pixtral", "midm-2.0", "lfm2", "jina-v5-nano", "dbrx", "smaug-bpe", "chatglm-bpe", "glm4", "glm5");
    private static final Set<String> QWEN2 = Set.of("qwen2", "deepseek-r1-qwen", "kormo", "f2llmv2", "megrez",
            "stablelm2", "hunyuan", "solar-open", "grok-2");
    private static final Set<String> GPT2 = Set.of("gpt-2", "phi-2", "jina-es", "jina-de", "gigachat",
            "jina-v2-es", "jina-v2-de", "a.x-4.0", "mellum", "modern-bert", "mpt", "olmo", "jais", "trillion",
            "granite-docling", "exaone4", "jina-v1-en", "jina-v2-code", "roberta-bpe");
    private static final Set<String> DIGITS_GPT2 = Set.of("starcoder", "refact", "command-r", "smollm",
            "codeshell", "exaone", "minerva-7b", "mellum2");
    /** Pre-tokenizers for which llama.cpp prepends BOS unless tokenizer.ggml.add_bos_token says otherwise. */
    private static final Set<String> ADD_BOS = Set.of("llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1",
            "pixtral", "midm-2.0", "lfm2", "jina-v5-nano", "tekken");
    /** Pre-tokenizers for which a whole word that is a token is taken as is, without merging. */
    private static final Set<String> IGNORE_MERGES = Set.of("llama3", "llama-v3", "llama-bpe", "falcon3",
            "falcon-h1", "pixtral", "midm-2.0", "lfm2", "jina-v5-nano", "glm4", "glm5");

    private PreTokenizers() {
    }

    /**
     * The pre-tokenizer named by {@code tokenizer.ggml.pre}.
     *
     * @throws UnsupportedModelException for a name this runtime does not implement
     */
    static PreTokenizer forName(String pre) {
        if (LLAMA3.contains(pre)) {
            return new PreTokenizer(pre, List.of(ScanningSplit.LLAMA3));
        }
        if (QWEN2.contains(pre)) {
            return new PreTokenizer(pre, List.of(ScanningSplit.QWEN2));
        }
        if (GPT2.contains(pre)) {
            return new PreTokenizer(pre, List.of(ScanningSplit.GPT2));
        }
        if (DIGITS_GPT2.contains(pre)) {
            return new PreTokenizer(pre, List.of(RegexSplit.of("\\p{N}"), ScanningSplit.GPT2));
        }
        if (pre.equals("falcon")) {
            return new PreTokenizer(pre, List.of(RegexSplit.of("[\\p{P}\\$\\+<=>\\^~\\|`]+"), ScanningSplit.GPT2,
                    RegexSplit.of("[0-9][0-9][0-9]")));
        }
        if (pre.equals("default") || pre.isEmpty()) {
            return new PreTokenizer("default", List.of(RegexSplit.of("[\\p{P}\\$\\+<=>\\^~\\|]+"), ScanningSplit.GPT2,
                    RegexSplit.of("\\p{N}+"), RegexSplit.of("[0-9][0-9][0-9]")));
        }
        throw new UnsupportedModelException("tokenizer.ggml.pre = '" + pre + "' is not a supported byte-level BPE "
                + "pre-tokenizer (supported: " + String.join(", ", supported()) + ")");
    }

    /** Every supported name, sorted. */
    static Set<String> supported() {
        Set<String> all = new TreeSet<>();
        all.addAll(LLAMA3);
        all.addAll(QWEN2);
        all.addAll(GPT2);
        all.addAll(DIGITS_GPT2);
        all.add("falcon");
        all.add("default");
        return all;
    }

    static boolean addsBosByDefault(String pre) {
        return ADD_BOS.contains(pre);
    }

    static boolean ignoresMerges(String pre) {
        return IGNORE_MERGES.contains(pre);
    }
}
