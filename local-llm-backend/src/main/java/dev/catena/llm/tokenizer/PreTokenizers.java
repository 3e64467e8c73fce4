package dev.catena.llm.tokenizer;

import dev.catena.llm.UnsupportedModelException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The pre-tokenizers of {@code tokenizer.ggml.pre} for byte-level BPE ({@code gpt2}) vocabularies, as
 * llama.cpp maps the names: the Llama 3 family ({@code llama-bpe}, {@code llama3}...), Qwen 2
 * ({@code qwen2}, {@code deepseek-r1-qwen}...), GPT-2 ({@code gpt-2}, {@code olmo}, {@code mpt}...), the
 * digit-splitting StarCoder family ({@code smollm}, {@code starcoder}, {@code command-r}...), {@code falcon},
 * {@code default}, and the regex-defined ones run as llama.cpp runs general regexes ({@code llama4}/{@code gpt-4o},
 * {@code tekken}, {@code deepseek-v3}, {@code deepseek-coder}, {@code qwen35}, {@code bloom}, {@code chameleon}...).
 * Another name is an {@link UnsupportedModelException}.
 */
final class PreTokenizers {

    private static final Set<String> LLAMA3 = Set.of("llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1",
            "pixtral", "midm-2.0", "lfm2", "jina-v5-nano", "dbrx", "smaug-bpe", "chatglm-bpe", "glm4", "glm5");
    private static final Set<String> QWEN2 = Set.of("qwen2", "deepseek-r1-qwen", "kormo", "f2llmv2", "megrez",
            "stablelm2", "hunyuan", "solar-open", "grok-2");
    private static final String CONTRACTIONS = "(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])";
    private static final String GPT2_REGEX = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";
    /** Pre-tokenizers run as llama.cpp runs general regexes ({@link CollapsedRegexSplit}), by name. */
    private static final Map<String, List<String>> REGEXES = regexes();
    private static final Set<String> GPT2 = Set.of("gpt-2", "phi-2", "jina-es", "jina-de", "gigachat",
            "jina-v2-es", "jina-v2-de", "a.x-4.0", "mellum", "modern-bert", "mpt", "olmo", "jais", "trillion",
            "granite-docling", "exaone4", "jina-v1-en", "jina-v2-code", "roberta-bpe");
    private static final Set<String> DIGITS_GPT2 = Set.of("starcoder", "refact", "command-r", "smollm",
            "codeshell", "exaone", "minerva-7b", "mellum2");
    /** Pre-tokenizers for which llama.cpp prepends BOS unless tokenizer.ggml.add_bos_token says otherwise. */
    private static final Set<String> ADD_BOS = Set.of("llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1",
            "pixtral", "midm-2.0", "lfm2", "jina-v5-nano", "tekken", "chameleon");
    /** Pre-tokenizers for which a whole word that is a token is taken as is, without merging. */
    private static final Set<String> IGNORE_MERGES = Set.of("llama3", "llama-v3", "llama-bpe", "falcon3",
            "falcon-h1", "pixtral", "midm-2.0", "lfm2", "jina-v5-nano", "glm4", "glm5", "tekken", "youtu",
            "minicpm5", "granite-embed-multi-97m");

    private PreTokenizers() {
    }

    private static Map<String, List<String>> regexes() {
        String cjk = "[一-龥぀-ゟ゠-ヿ]+";
        String gpt4o = "[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))*((?=[\\p{L}])([^A-Z]))+" + CONTRACTIONS
                + "?|[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))+((?=[\\p{L}])([^A-Z]))*" + CONTRACTIONS
                + "?|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+";
        String deepseek3 = "[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~][A-Za-z]+|[^\r\n\\p{L}\\p{P}\\p{S}]?[\\p{L}\\p{M}]+"
                + "| ?[\\p{P}\\p{S}]+[\r\n]*|\\s*[\r\n]+|\\s+(?!\\S)|\\s+";
        String poro = " ?[^(\\s|.,!?…。，、।۔،)]+";
        Map<String, List<String>> m = new HashMap<>();
        for (String name : List.of("gpt-4o", "llama4", "kanana2", "talkie", "minimax-m2")) {
            m.put(name, List.of(gpt4o));
        }
        m.put("tekken", List.of("[^\\r\\n\\p{L}\\p{N}]?((?=[\\p{L}])([^a-z]))*((?=[\\p{L}])([^A-Z]))+|[^\\r\\n\\p{L}\\p{N}]?"
                + "((?=[\\p{L}])([^a-z]))+((?=[\\p{L}])([^A-Z]))*|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]*|\\s*[\\r\\n]+"
                + "|\\s+(?!\\S)|\\s+"));
        for (String name : List.of("deepseek-v3", "hunyuan-dense", "joyai-llm", "hy_v4")) {
            m.put(name, List.of("\\p{N}{1,3}", cjk, deepseek3));
        }
        m.put("deepseek-coder", List.of("[\r\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "[一-龥ࠀ-一가-퟿]+", "\\p{N}"));
        for (String name : List.of("bloom", "poro-chat", "gpt3-finnish")) {
            m.put(name, List.of(poro));
        }
        m.put("viking", List.of(poro, "\\p{N}"));
        m.put("qwen35", List.of(CONTRACTIONS + "|[^\\r\\n\\p{L}\\p{N}]?[\\p{L}\\p{M}]+|\\p{N}| ?[^\\s\\p{L}\\p{M}\\p{N}]+[\\r\\n]*"
                + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"));
        m.put("seed-coder", List.of(CONTRACTIONS + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1}| ?[^\\s\\p{L}\\p{N}\\r\\n]+"
                + "|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"));
        for (String name : List.of("bailingmoe", "bailingmoe2", "llada-moe")) {
            m.put(name, List.of("'(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
                    + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+"));
        }
        m.put("exaone-moe", List.of(CONTRACTIONS + "|[^\\r\\n\\p{L}\\p{N}]?(?:\\p{L}\\p{M}*(?: \\p{L}\\p{M}*)*)+|\\p{N}"
                + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n/]?|\\s*[\\r\\n]|\\s+(?!\\S)|\\s+"));
        m.put("ufakzeka", List.of("[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+"
                + "|\\s+(?!\\S)|\\s+"));
        m.put("minicpm5", List.of("\\p{N}{1,3}", CONTRACTIONS + "|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}+"
                + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"));
        m.put("chameleon", List.of("<sentinel:[0-9]+>", "(IMGIMG)((A|B|C|D|E|F|G|H|I){1,4})Z", "([\\t\\n]|    |  )",
                "\\p{N}", "[\\p{P}!-/:-@\\[-`{-~]", GPT2_REGEX));
        return Map.copyOf(m);
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
        List<String> regexes = REGEXES.get(pre);
        if (regexes != null) {
            List<SplitStage> stages = new ArrayList<>();
            for (String r : regexes) {
                stages.add(r.equals(GPT2_REGEX) ? ScanningSplit.GPT2 : new CollapsedRegexSplit(r));
            }
            return new PreTokenizer(pre, stages);
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
        all.addAll(REGEXES.keySet());
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
