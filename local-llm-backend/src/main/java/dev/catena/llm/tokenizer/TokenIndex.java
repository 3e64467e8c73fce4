package dev.catena.llm.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What both tokenizer kinds share about a vocabulary: text-to-id lookup, token types as llama.cpp
 * corrects them, the end-of-generation set and the partition of input text around special tokens.
 *
 * <p>As llama.cpp does, tokens whose text marks an end of turn ({@code <end_of_turn>}, {@code <|im_end|>},
 * {@code <|eot_id|>}, {@code <|end_of_text|>}, {@code <|endoftext|>}...) or fill-in-the-middle are treated as
 * control tokens even where the file types them otherwise, and the end-of-turn ones end generation
 * together with the EOS, EOT and EOM ids.
 */
final class TokenIndex {

    /** Token texts that end generation (llama.cpp's list). */
    private static final Set<String> EOG_TEXTS = Set.of("<|eot_id|>", "<|im_end|>", "<|end|>", "<|return|>",
            "<|call|>", "<|flush|>", "<|calls|>", "<end_of_turn>", "<|endoftext|>", "</s>", "<|eom_id|>", "<EOT>",
            "_<EOT>", "[EOT]", "[EOS]", "<|end_of_text|>", "<end_of_utterance>", "<eos>", "<turn|>",
            "<|tool_response>", "<｜end▁of▁sentence｜>", "[e~[",
            // fill-in-the-middle pad, repository and file separators
            "<|fim_pad|>", "<fim-pad>", "<fim_pad>", "<PAD>", "[PAD]", "<|fim_repo|>", "<|repo_name|>",
            "<fim-repo>", "<REPO>", "<reponame>", "<|file_sep|>");
    /** Other fill-in-the-middle tokens that are control tokens whatever the file says. */
    private static final Set<String> FIM_TEXTS = Set.of("<|fim_prefix|>", "<fim-prefix>", "<fim_prefix>",
            "<｜fim▁begin｜>", "<PRE>", "▁<PRE>", "<|code_prefix|>", "<|prefix|>", "<|fim_suffix|>", "<fim-suffix>",
            "<fim_suffix>", "<｜fim▁hole｜>", "<SUF>", "▁<SUF>", "<|code_suffix|>", "<|suffix|>", "<|fim_middle|>",
            "<fim-middle>", "<fim_middle>", "<｜fim▁end｜>", "<MID>", "▁<MID>", "<|code_middle|>", "<|middle|>");
    /** gpt-oss markers that are always rendered and matched, like user-defined tokens. */
    private static final Set<String> ALWAYS_RENDERED = Set.of("<|channel|>", "<|message|>", "<|start|>",
            "<|constrain|>");

    final Vocabulary vocabulary;
    private final TokenType[] types;
    private final Map<String, Integer> ids;
    private final boolean[] endOfGeneration;
    private final SpecialMatcher specials;

    TokenIndex(Vocabulary vocabulary) {
        this.vocabulary = vocabulary;
        int n = vocabulary.size();
        types = vocabulary.types().toArray(new TokenType[0]);
        ids = HashMap.newHashMap(n);
        endOfGeneration = new boolean[n];
        Map<String, Integer> eogByText = new HashMap<>();
        for (int id = 0; id < n; id++) {
            String text = vocabulary.tokens().get(id);
            if (!text.isEmpty()) {
                ids.put(text, id);
            }
            if (EOG_TEXTS.contains(text)) {
                endOfGeneration[id] = true;
                eogByText.put(text, id);
            }
            if (EOG_TEXTS.contains(text) || FIM_TEXTS.contains(text)) {
                types[id] = TokenType.CONTROL;
            }
            if (ALWAYS_RENDERED.contains(text)) {
                types[id] = TokenType.USER_DEFINED;
            }
        }
        for (int id : new int[] {vocabulary.eos(), vocabulary.eot(), vocabulary.eom()}) {
            if (id >= 0) {
                endOfGeneration[id] = true;
            }
        }
        // o200k_harmony / solar-open: <|end|> separates messages there, it does not end generation
        Integer end = eogByText.get("<|end|>");
        if (end != null && ((eogByText.containsKey("<|return|>") && eogByText.containsKey("<|call|>"))
                || (eogByText.containsKey("<|calls|>") && eogByText.containsKey("<|flush|>")))) {
            endOfGeneration[end] = false;
            types[end] = TokenType.USER_DEFINED;
        }
        // Gemma 4 and PLaMo have an ordinary </s>
        Integer s = eogByText.get("</s>");
        if (s != null && (eogByText.containsKey("<|tool_response>") || ids.containsKey("<|plamo:eos|>"))) {
            endOfGeneration[s] = false;
            types[s] = TokenType.NORMAL;
        }
        specials = new SpecialMatcher();
    }

    int size() {
        return types.length;
    }

    TokenType type(int id) {
        return types[id];
    }

    /** The id of a token text, or -1. */
    int id(String text) {
        Integer id = ids.get(text);
        return id == null ? -1 : id;
    }

    boolean isEndOfGeneration(int id) {
        return id >= 0 && id < endOfGeneration.length && endOfGeneration[id];
    }

    /** Whether a token is matched as a whole in input text (control and unknown ones only when parsing specials). */
    boolean isSpecial(int id) {
        TokenType t = types[id];
        return t == TokenType.CONTROL || t == TokenType.USER_DEFINED || t == TokenType.UNKNOWN;
    }

    /**
     * Cuts text into raw stretches and special tokens. Special tokens are tried longest first (by UTF-8
     * length, then by id), each taking its leftmost non-overlapping occurrences in the text that longer
     * ones left, as llama.cpp does; user-defined tokens always, control and unknown ones only when
     * {@code parseSpecial}.
     *
     * @return fragments in text order
     */
    List<Fragment> partition(String text, boolean parseSpecial) {
        List<Fragment> out = new ArrayList<>();
        if (text.isEmpty()) {
            return out;
        }
        int[][] claims = specials.claims(text, parseSpecial);
        int pos = 0;
        for (int[] claim : claims) {
            if (claim[0] > pos) {
                out.add(Fragment.text(pos, claim[0]));
            }
            out.add(Fragment.token(claim[2], claim[0], claim[1]));
            pos = claim[1];
        }
        if (pos < text.length()) {
            out.add(Fragment.text(pos, text.length()));
        }
        return out;
    }

    /** A stretch of input text, or a special token found in it. */
    record Fragment(int token, int start, int end) {
        static Fragment text(int start, int end) {
            return new Fragment(-1, start, end);
        }

        static Fragment token(int id, int start, int end) {
            return new Fragment(id, start, end);
        }

        boolean isToken() {
            return token >= 0;
        }
    }

    /** A trie over the special tokens' texts, in priority order. */
    private final class SpecialMatcher {
        private final Map<Long, Integer> edges = new HashMap<>();
        /** For each trie node, the priority of the special token ending there, or -1. */
        private int[] terminal = new int[64];
        private int nodes = 1;
        private final int[] byPriority;

        SpecialMatcher() {
            List<Integer> list = new ArrayList<>();
            for (int id = 0; id < types.length; id++) {
                if (isSpecial(id) && !vocabulary.tokens().get(id).isEmpty()) {
                    list.add(id);
                }
            }
            int[] utf8Length = new int[types.length];
            for (int id : list) {
                utf8Length[id] = vocabulary.tokens().get(id).getBytes(StandardCharsets.UTF_8).length;
            }
            list.sort(Comparator.<Integer>comparingInt(id -> -utf8Length[id]).thenComparingInt(id -> id));
            byPriority = list.stream().mapToInt(Integer::intValue).toArray();
            Arrays.fill(terminal, -1);
            for (int p = 0; p < byPriority.length; p++) {
                String text = vocabulary.tokens().get(byPriority[p]);
                int node = 0;
                for (int i = 0; i < text.length(); i++) {
                    long key = ((long) node << 16) | text.charAt(i);
                    Integer child = edges.get(key);
                    if (child == null) {
                        child = newNode();
                        edges.put(key, child);
                    }
                    node = child;
                }
                if (terminal[node] < 0) {
                    terminal[node] = p;
                }
            }
        }

        private int newNode() {
            if (nodes == terminal.length) {
                int old = terminal.length;
                terminal = Arrays.copyOf(terminal, old * 2);
                Arrays.fill(terminal, old, terminal.length, -1);
            }
            return nodes++;
        }

        /** The claimed occurrences as {start, end, id}, sorted by start. */
        int[][] claims(String text, boolean parseSpecial) {
            if (byPriority.length == 0) {
                return new int[0][];
            }
            int n = text.length();
            IntList occPos = new IntList(16);
            IntList occPriority = new IntList(16);
            for (int pos = 0; pos < n; pos++) {
                int node = 0;
                for (int q = pos; q < n; q++) {
                    Integer child = edges.get(((long) node << 16) | text.charAt(q));
                    if (child == null) {
                        break;
                    }
                    node = child;
                    int p = terminal[node];
                    if (p >= 0 && (parseSpecial || types[byPriority[p]] == TokenType.USER_DEFINED)
                            && !splitsSurrogatePair(text, pos, q + 1)) {
                        occPos.add(pos);
                        occPriority.add(p);
                    }
                }
            }
            if (occPos.size() == 0) {
                return new int[0][];
            }
            // bucket the occurrences by priority, keeping text order within each
            int[] start = new int[byPriority.length + 1];
            for (int i = 0; i < occPriority.size(); i++) {
                start[occPriority.get(i) + 1]++;
            }
            for (int p = 0; p < byPriority.length; p++) {
                start[p + 1] += start[p];
            }
            int[] fill = Arrays.copyOf(start, start.length);
            int[] sorted = new int[occPos.size()];
            for (int i = 0; i < occPos.size(); i++) {
                sorted[fill[occPriority.get(i)]++] = i;
            }
            BitSet taken = new BitSet(n);
            List<int[]> claims = new ArrayList<>();
            for (int p = 0; p < byPriority.length; p++) {
                int id = byPriority[p];
                int length = vocabulary.tokens().get(id).length();
                for (int k = start[p]; k < start[p + 1]; k++) {
                    int pos = occPos.get(sorted[k]);
                    int next = taken.nextSetBit(pos);
                    if (next == -1 || next >= pos + length) {
                        taken.set(pos, pos + length);
                        claims.add(new int[] {pos, pos + length, id});
                    }
                }
            }
            claims.sort(Comparator.comparingInt(c -> c[0]));
            return claims.toArray(new int[0][]);
        }

        private static boolean splitsSurrogatePair(String text, int start, int end) {
            return (start > 0 && Character.isLowSurrogate(text.charAt(start)) && Character.isHighSurrogate(text.charAt(start - 1)))
                    || (end < text.length() && Character.isLowSurrogate(text.charAt(end)) && Character.isHighSurrogate(text.charAt(end - 1)));
        }
    }
}
