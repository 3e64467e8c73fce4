package dev.catena.llm.constraint.regex;

import dev.catena.llm.constraint.grammar.CodePointSet;
import dev.catena.llm.constraint.grammar.Expr;
import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.grammar.GrammarException;

import java.util.ArrayList;
import java.util.List;

/**
 * Translates a regular expression (the common subset of Java and ECMAScript syntax) to a grammar expression that
 * matches the whole text: literals, {@code .}, classes with ranges and negation, {@code \d \w \s} and their
 * negations, groups ({@code ( )}, {@code (?: )}, {@code (?<name> )}), {@code |}, and the quantifiers
 * {@code * + ? {m} {m,} {m,n}} (lazy or possessive suffixes are accepted and mean the same set of strings).
 * {@code ^} and {@code $} are allowed at the ends only. Backreferences and lookaround cannot be expressed in a
 * context-free grammar and are refused.
 */
public final class RegexParser {

    private final String regex;
    private int pos;

    private RegexParser(String regex) {
        this.regex = regex;
    }

    /** The grammar of strings the regex matches entirely. */
    public static Grammar grammar(String regex) {
        return Grammar.of(parse(regex));
    }

    /**
     * The expression of strings the regex matches entirely.
     *
     * @throws GrammarException naming the position of a syntax error or an unsupported feature
     */
    public static Expr parse(String regex) {
        RegexParser p = new RegexParser(regex);
        if (regex.startsWith("^")) {
            p.pos = 1;
        }
        Expr e = p.alternatives();
        if (p.pos < regex.length()) {
            throw p.error(regex.charAt(p.pos) == ')' ? "unbalanced ')'" : "unexpected '" + regex.charAt(p.pos) + "'");
        }
        return e;
    }

    private Expr alternatives() {
        List<Expr> choices = new ArrayList<>();
        choices.add(sequence());
        while (pos < regex.length() && regex.charAt(pos) == '|') {
            pos++;
            choices.add(sequence());
        }
        return choices.size() == 1 ? choices.getFirst() : new Expr.Alt(choices);
    }

    private Expr sequence() {
        List<Expr> parts = new ArrayList<>();
        while (pos < regex.length()) {
            char c = regex.charAt(pos);
            if (c == '|' || c == ')') {
                break;
            }
            if (c == '$') {
                pos++;
                if (pos != regex.length()) {
                    throw error("'$' is only supported at the end of the expression");
                }
                break;
            }
            if (c == '^') {
                throw error("'^' is only supported at the start of the expression");
            }
            parts.add(quantified(atom()));
        }
        return parts.size() == 1 ? parts.getFirst() : new Expr.Seq(parts);
    }

    private Expr atom() {
        char c = regex.charAt(pos);
        switch (c) {
            case '(' -> {
                pos++;
                if (regex.startsWith("?:", pos)) {
                    pos += 2;
                } else if (regex.startsWith("?<", pos) && pos + 2 < regex.length()
                        && regex.charAt(pos + 2) != '=' && regex.charAt(pos + 2) != '!') {
                    int close = regex.indexOf('>', pos);
                    if (close < 0) {
                        throw error("unterminated group name");
                    }
                    pos = close + 1;
                } else if (pos < regex.length() && regex.charAt(pos) == '?') {
                    pos--;
                    throw error("unsupported regex feature '(?" + (pos + 2 < regex.length() ? regex.charAt(pos + 2) : "")
                            + "' (lookaround and inline flags cannot be constrained)");
                }
                Expr inner = alternatives();
                if (pos >= regex.length() || regex.charAt(pos) != ')') {
                    throw error("missing ')'");
                }
                pos++;
                return inner;
            }
            case '[' -> {
                return charClass();
            }
            case '.' -> {
                pos++;
                return new CodePointSet().add(0, '\n' - 1).add('\n' + 1, Character.MAX_CODE_POINT).toExpr();
            }
            case '\\' -> {
                return escapeAtom();
            }
            case '*', '+', '?', '{' -> throw error("quantifier '" + c + "' has nothing to repeat");
            default -> {
                int cp = regex.codePointAt(pos);
                pos += Character.charCount(cp);
                return new Expr.Literal(new String(Character.toChars(cp)));
            }
        }
    }

    private Expr quantified(Expr e) {
        while (pos < regex.length()) {
            char c = regex.charAt(pos);
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = -1;
                pos++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                pos++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                pos++;
            } else if (c == '{' && isCount()) {
                pos++;
                min = number();
                max = min;
                if (regex.charAt(pos) == ',') {
                    pos++;
                    max = regex.charAt(pos) == '}' ? -1 : number();
                }
                pos++; // '}'
                if (max != -1 && max < min) {
                    throw error("repetition {" + min + "," + max + "} has its maximum below its minimum");
                }
            } else {
                return e;
            }
            if (pos < regex.length() && (regex.charAt(pos) == '?' || regex.charAt(pos) == '+')) {
                pos++; // lazy or possessive: the same strings
            }
            e = new Expr.Repeat(e, min, max);
        }
        return e;
    }

    private boolean isCount() {
        int p = pos + 1;
        int digits = 0;
        while (p < regex.length() && Character.isDigit(regex.charAt(p))) {
            p++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        if (p < regex.length() && regex.charAt(p) == ',') {
            p++;
            while (p < regex.length() && Character.isDigit(regex.charAt(p))) {
                p++;
            }
        }
        return p < regex.length() && regex.charAt(p) == '}';
    }

    private int number() {
        int start = pos;
        while (Character.isDigit(regex.charAt(pos))) {
            pos++;
        }
        try {
            return Integer.parseInt(regex.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("repetition count is too large");
        }
    }

    private Expr charClass() {
        int start = pos++;
        boolean negated = pos < regex.length() && regex.charAt(pos) == '^';
        if (negated) {
            pos++;
        }
        CodePointSet set = new CodePointSet();
        boolean first = true;
        while (true) {
            if (pos >= regex.length()) {
                pos = start;
                throw error("unterminated character class");
            }
            char c = regex.charAt(pos);
            if (c == ']' && !first) {
                pos++;
                break;
            }
            first = false;
            if (c == '[') {
                throw error("nested character classes are not supported");
            }
            int from;
            if (c == '\\') {
                int[] shorthand = shorthand(regex.charAt(pos + 1));
                if (shorthand != null) {
                    pos += 2;
                    set.addAll(shorthand);
                    continue;
                }
                from = escapedChar();
            } else {
                from = regex.codePointAt(pos);
                pos += Character.charCount(from);
            }
            int to = from;
            if (pos + 1 < regex.length() && regex.charAt(pos) == '-' && regex.charAt(pos + 1) != ']') {
                pos++;
                if (regex.charAt(pos) == '\\') {
                    to = escapedChar();
                } else {
                    to = regex.codePointAt(pos);
                    pos += Character.charCount(to);
                }
                if (to < from) {
                    throw error("character range is reversed");
                }
            }
            set.add(from, to);
        }
        return negated ? set.complement() : set.toExpr();
    }

    private Expr escapeAtom() {
        if (pos + 1 >= regex.length()) {
            throw error("trailing backslash");
        }
        char c = regex.charAt(pos + 1);
        int[] shorthand = shorthand(Character.toLowerCase(c));
        if (shorthand != null) {
            pos += 2;
            CodePointSet set = new CodePointSet().addAll(shorthand);
            return Character.isUpperCase(c) ? set.complement() : set.toExpr();
        }
        if (c >= '1' && c <= '9' || c == 'k') {
            throw error("unsupported regex feature: backreference '\\" + c + "'");
        }
        if (c == 'b' || c == 'B' || c == 'A' || c == 'z' || c == 'Z' || c == 'G') {
            throw error("unsupported regex feature: anchor '\\" + c + "'");
        }
        return new Expr.Literal(new String(Character.toChars(escapedChar())));
    }

    /** The ranges of {@code \d}, {@code \w}, {@code \s} (lower case only), or null. */
    private static int[] shorthand(char c) {
        return switch (c) {
            case 'd' -> new int[] {'0', '9'};
            case 'w' -> new int[] {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
            case 's' -> new int[] {'\t', '\r', ' ', ' '};
            default -> null;
        };
    }

    private int escapedChar() {
        int start = pos;
        pos++;
        char c = regex.charAt(pos++);
        return switch (c) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'f' -> '\f';
            case 'v' -> 0x0B;
            case '0' -> 0;
            case 'x' -> hex(2, start);
            case 'u' -> hex(4, start);
            default -> {
                if (Character.isLetterOrDigit(c)) {
                    pos = start;
                    throw error("unsupported escape '\\" + c + "'");
                }
                yield c;
            }
        };
    }

    private int hex(int digits, int start) {
        try {
            int cp = Integer.parseInt(regex.substring(pos, pos + digits), 16);
            pos += digits;
            return cp;
        } catch (RuntimeException e) {
            pos = start;
            throw error("escape needs " + digits + " hex digits");
        }
    }

    private GrammarException error(String message) {
        return new GrammarException("regex /" + regex + "/ at index " + pos + ": " + message);
    }
}
