package dev.catena.llm.constraint.grammar;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A context-free grammar over bytes, compiled and checked: every rule is a list of alternatives, each a sequence of
 * elements ending in {@link #END}; an element is a byte-set terminal or a reference to a rule. Rule 0 is the root.
 * Immutable and thread-safe. Build one with {@link #of}, {@link Gbnf#parse} or the regex and JSON Schema compilers.
 *
 * <p>Code positions ({@code pos}) index {@link #element}: {@link #kind} tells END, TERMINAL or RULE and
 * {@link #argument} the byte set or the rule.
 */
public final class Grammar {

    public static final int END = 0;
    public static final int TERMINAL = 1;
    public static final int RULE = 2;

    private final int[] code;
    private final int[][] alternatives;
    private final long[][] byteSets;
    private final String[] ruleNames;
    private final String source;

    Grammar(int[] code, int[][] alternatives, long[][] byteSets, String[] ruleNames, String source) {
        this.code = code;
        this.alternatives = alternatives;
        this.byteSets = byteSets;
        this.ruleNames = ruleNames;
        this.source = source;
    }

    /**
     * Compiles named rules to a grammar.
     *
     * @throws GrammarException for an undefined rule, a left-recursive rule or a rule that can never end
     */
    public static Grammar of(Map<String, Expr> rules, String root) {
        return new GrammarCompiler(rules, root).compile();
    }

    /** A grammar of one expression (its rules referenced by {@link Expr.Ref} must be none). */
    public static Grammar of(Expr root) {
        return of(Map.of("root", root), "root");
    }

    public int element(int pos) {
        return code[pos];
    }

    public static int kind(int element) {
        return element & 3;
    }

    public static int argument(int element) {
        return element >>> 2;
    }

    static int encode(int kind, int argument) {
        return argument << 2 | kind;
    }

    /** The start positions of the rule's alternatives. */
    public int[] alternatives(int rule) {
        return alternatives[rule];
    }

    /** Whether byte set {@code set} holds byte {@code b} (0..255). */
    public boolean accepts(int set, int b) {
        return (byteSets[set][b >>> 6] >>> b & 1) != 0;
    }

    /** The bytes set {@code set} holds, as four 64-bit words. */
    public long[] byteSet(int set) {
        return byteSets[set].clone();
    }

    public int byteSetCount() {
        return byteSets.length;
    }

    public int ruleCount() {
        return alternatives.length;
    }

    public String ruleName(int rule) {
        return ruleNames[rule];
    }

    /** A readable listing of the compiled rules (for error messages and debugging). */
    public String describe() {
        return source;
    }

    List<String> ruleNames() {
        return Arrays.asList(ruleNames);
    }

    @Override
    public String toString() {
        return "Grammar[" + ruleNames.length + " rules, " + byteSets.length + " byte sets]";
    }
}
