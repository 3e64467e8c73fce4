package dev.catena.llm.constraint.grammar;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lowers {@link Expr} rules to the byte-level form of {@link Grammar}: character classes become UTF-8 byte
 * sequences, alternatives and repetitions become auxiliary rules (right-recursive, so the parse stacks of
 * repetitions do not grow), then checks the result.
 */
final class GrammarCompiler {

    private final Map<String, Expr> source;
    private final String root;
    private final Map<String, Integer> ruleIds = new LinkedHashMap<>();
    private final List<String> names = new ArrayList<>();
    private final List<List<int[]>> rules = new ArrayList<>(); // rule -> alternatives -> elements
    private final Map<String, Integer> byteSetIds = new HashMap<>();
    private final List<long[]> byteSets = new ArrayList<>();
    private final Map<Expr, Integer> charSetRules = new HashMap<>();

    GrammarCompiler(Map<String, Expr> rules, String root) {
        this.source = rules;
        this.root = root;
    }

    Grammar compile() {
        if (!source.containsKey(root)) {
            throw new GrammarException("the grammar has no rule '" + root + "' to start from");
        }
        ruleId(root);
        for (String name : source.keySet()) {
            ruleId(name);
        }
        for (Map.Entry<String, Expr> e : source.entrySet()) {
            rules.set(ruleIds.get(e.getKey()), alternativesOf(e.getValue(), e.getKey()));
        }
        int[][] alternatives = new int[rules.size()][];
        List<Integer> code = new ArrayList<>();
        for (int r = 0; r < rules.size(); r++) {
            List<int[]> alts = rules.get(r);
            alternatives[r] = new int[alts.size()];
            for (int a = 0; a < alts.size(); a++) {
                alternatives[r][a] = code.size();
                for (int el : alts.get(a)) {
                    code.add(el);
                }
                code.add(Grammar.encode(Grammar.END, 0));
            }
        }
        check();
        return new Grammar(code.stream().mapToInt(Integer::intValue).toArray(), alternatives,
                byteSets.toArray(long[][]::new), names.toArray(String[]::new), describe());
    }

    private int ruleId(String name) {
        Integer id = ruleIds.get(name);
        if (id == null) {
            id = names.size();
            ruleIds.put(name, id);
            names.add(name);
            rules.add(null);
        }
        return id;
    }

    private int newRule(String parent, List<int[]> alternatives) {
        String name = parent + "-" + names.size();
        int id = ruleId(name);
        rules.set(id, alternatives);
        return id;
    }

    private List<int[]> alternativesOf(Expr e, String rule) {
        List<int[]> out = new ArrayList<>();
        if (e instanceof Expr.Alt alt) {
            for (Expr c : alt.choices()) {
                out.addAll(alternativesOf(c, rule));
            }
        } else {
            List<Integer> seq = new ArrayList<>();
            lower(e, rule, seq);
            out.add(seq.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private void lower(Expr e, String rule, List<Integer> out) {
        switch (e) {
            case Expr.Literal l -> {
                for (byte b : l.bytes()) {
                    out.add(terminal(b & 0xFF, b & 0xFF));
                }
            }
            case Expr.ByteRange r -> out.add(terminal(r.from(), r.to()));
            case Expr.CharSet c -> out.add(charSet(c, rule));
            case Expr.Seq s -> s.parts().forEach(p -> lower(p, rule, out));
            case Expr.Alt a -> out.add(Grammar.encode(Grammar.RULE, newRule(rule, alternativesOf(a, rule))));
            case Expr.Ref r -> {
                if (!source.containsKey(r.rule())) {
                    throw new GrammarException("rule '" + rule + "' refers to undefined rule '" + r.rule() + "'");
                }
                out.add(Grammar.encode(Grammar.RULE, ruleId(r.rule())));
            }
            case Expr.Repeat r -> repeat(r, rule, out);
        }
    }

    private void repeat(Expr.Repeat r, String rule, List<Integer> out) {
        if (r.max() == 0) {
            return;
        }
        int body = single(r.body(), rule);
        for (int i = 0; i < r.min(); i++) {
            out.add(body);
        }
        if (r.max() == -1) { // star ::= body star | ""
            int star = newRule(rule, new ArrayList<>());
            rules.get(star).add(new int[] {body, Grammar.encode(Grammar.RULE, star)});
            rules.get(star).add(new int[0]);
            out.add(Grammar.encode(Grammar.RULE, star));
            return;
        }
        int optional = -1; // opt_k ::= body opt_{k-1} | ""
        for (int k = 0; k < r.max() - r.min(); k++) {
            int[] seq = optional < 0 ? new int[] {body} : new int[] {body, Grammar.encode(Grammar.RULE, optional)};
            optional = newRule(rule, new ArrayList<>(List.of(seq, new int[0])));
        }
        if (optional >= 0) {
            out.add(Grammar.encode(Grammar.RULE, optional));
        }
    }

    /** One element standing for {@code e}: itself when it lowers to one element, else an auxiliary rule. */
    private int single(Expr e, String rule) {
        List<Integer> seq = new ArrayList<>();
        if (!(e instanceof Expr.Alt)) {
            lower(e, rule, seq);
            if (seq.size() == 1) {
                return seq.getFirst();
            }
        }
        return Grammar.encode(Grammar.RULE, newRule(rule, alternativesOf(e, rule)));
    }

    private int terminal(int from, int to) {
        long[] set = new long[4];
        for (int b = from; b <= to; b++) {
            set[b >>> 6] |= 1L << b;
        }
        return terminal(set);
    }

    private int terminal(long[] set) {
        String key = Arrays.toString(set);
        Integer id = byteSetIds.get(key);
        if (id == null) {
            id = byteSets.size();
            byteSets.add(set);
            byteSetIds.put(key, id);
        }
        return Grammar.encode(Grammar.TERMINAL, id);
    }

    /** A character class: one terminal when all of it is single bytes, else a rule of UTF-8 byte sequences. */
    private int charSet(Expr.CharSet c, String rule) {
        int[] ranges = c.ranges();
        if (ranges.length > 0 && ranges[ranges.length - 1] <= 0x7F) {
            long[] set = new long[4];
            for (int i = 0; i < ranges.length; i += 2) {
                for (int b = ranges[i]; b <= ranges[i + 1]; b++) {
                    set[b >>> 6] |= 1L << b;
                }
            }
            return terminal(set);
        }
        Integer cached = charSetRules.get(c);
        if (cached != null) {
            return Grammar.encode(Grammar.RULE, cached);
        }
        List<int[]> alternatives = new ArrayList<>();
        long[] ascii = new long[4];
        for (int i = 0; i < ranges.length; i += 2) {
            for (int[] seq : Utf8Sequences.of(ranges[i], ranges[i + 1])) {
                if (seq.length == 2) {
                    for (int b = seq[0]; b <= seq[1]; b++) {
                        ascii[b >>> 6] |= 1L << b;
                    }
                    continue;
                }
                int[] elements = new int[seq.length / 2];
                for (int k = 0; k < elements.length; k++) {
                    elements[k] = terminal(seq[2 * k], seq[2 * k + 1]);
                }
                alternatives.add(elements);
            }
        }
        if ((ascii[0] | ascii[1]) != 0) {
            alternatives.addFirst(new int[] {terminal(ascii)});
        }
        int id = newRule(rule, alternatives); // no alternatives: an empty class, which never matches
        charSetRules.put(c, id);
        return Grammar.encode(Grammar.RULE, id);
    }

    /** Rejects rules that can never finish (reachable from the root) and left recursion. */
    private void check() {
        int n = rules.size();
        boolean[] nullable = new boolean[n];
        boolean[] productive = new boolean[n];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int r = 0; r < n; r++) {
                for (int[] alt : rules.get(r)) {
                    boolean allNullable = true;
                    boolean allProductive = true;
                    for (int el : alt) {
                        boolean isRule = Grammar.kind(el) == Grammar.RULE;
                        allNullable &= isRule && nullable[Grammar.argument(el)];
                        allProductive &= !isRule || productive[Grammar.argument(el)];
                    }
                    if (allNullable && !nullable[r]) {
                        nullable[r] = changed = true;
                    }
                    if (allProductive && !productive[r]) {
                        productive[r] = changed = true;
                    }
                }
            }
        }
        boolean[] reachable = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(0));
        reachable[0] = true;
        int unfinished = -1;
        while (!queue.isEmpty()) {
            int r = queue.poll();
            if (!productive[r] && (unfinished < 0 || callsItself(r))) {
                unfinished = r;
            }
            for (int[] alt : rules.get(r)) {
                for (int el : alt) {
                    if (Grammar.kind(el) == Grammar.RULE && !reachable[Grammar.argument(el)]) {
                        reachable[Grammar.argument(el)] = true;
                        queue.add(Grammar.argument(el));
                    }
                }
            }
        }
        if (unfinished >= 0) {
            throw new GrammarException("rule '" + topName(unfinished) + "' can never finish: "
                    + (rules.get(unfinished).isEmpty() ? "it is an empty character class"
                    : "every alternative needs a rule that never finishes"));
        }
        leftRecursion(reachable, nullable);
    }

    /**
     * Left recursion that grows the parse stack cannot be run: a rule that reaches itself through rules called
     * before any text is read, where one of those calls is not the last element of its alternative. (Cycles of
     * calls in tail position, such as a repetition of something that may be empty, do not grow the stack.)
     */
    private void leftRecursion(boolean[] reachable, boolean[] nullable) {
        int n = rules.size();
        List<List<Integer>> calls = new ArrayList<>();
        List<int[]> growing = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            List<Integer> out = new ArrayList<>();
            calls.add(out);
            if (!reachable[r]) {
                continue;
            }
            for (int[] alt : rules.get(r)) {
                for (int i = 0; i < alt.length && Grammar.kind(alt[i]) == Grammar.RULE; i++) {
                    int callee = Grammar.argument(alt[i]);
                    out.add(callee);
                    if (i < alt.length - 1) {
                        growing.add(new int[] {r, callee});
                    }
                    if (!nullable[callee]) {
                        break;
                    }
                }
            }
        }
        for (int[] edge : growing) {
            boolean[] seen = new boolean[n];
            ArrayDeque<Integer> queue = new ArrayDeque<>(List.of(edge[1]));
            seen[edge[1]] = true;
            while (!queue.isEmpty()) {
                int r = queue.poll();
                if (r == edge[0]) {
                    throw new GrammarException("rule '" + topName(edge[0]) + "' is left-recursive (it can reach "
                            + "itself before reading any text); write the repetition with *, + or right recursion instead");
                }
                for (int c : calls.get(r)) {
                    if (!seen[c]) {
                        seen[c] = true;
                        queue.add(c);
                    }
                }
            }
        }
    }

    private boolean callsItself(int r) {
        for (int[] alt : rules.get(r)) {
            for (int el : alt) {
                if (Grammar.kind(el) == Grammar.RULE && Grammar.argument(el) == r) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The user-visible rule an auxiliary rule was made for. */
    private String topName(int r) {
        String name = names.get(r);
        for (String top : source.keySet()) {
            if (name.equals(top)) {
                return name;
            }
        }
        int dash = name.lastIndexOf('-');
        return dash > 0 ? name.substring(0, dash) : name;
    }

    private String describe() {
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rules.size(); r++) {
            sb.append(names.get(r)).append(" ::=");
            List<int[]> alts = rules.get(r);
            for (int a = 0; a < alts.size(); a++) {
                sb.append(a == 0 ? " " : " | ");
                for (int el : alts.get(a)) {
                    sb.append(Grammar.kind(el) == Grammar.RULE ? names.get(Grammar.argument(el)) + " "
                            : "#" + Grammar.argument(el) + " ");
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
