package dev.catena.llm.constraint.grammar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the EBNF notation of llama.cpp's GBNF: {@code name ::= alternatives} rules starting from {@code root},
 * {@code |} alternatives, {@code ( )} groups, {@code * + ?} and {@code {m}}, {@code {m,}}, {@code {m,n}} repetition,
 * {@code "..."} literals, {@code [...]} and {@code [^...]} character classes, {@code .} for any character and
 * {@code #} comments. Escapes: backslash with n, r, t, a quote, backslash, brackets, dash, or a code point as xHH,
 * uHHHH or UHHHHHHHH. A rule may span lines; it ends where the next {@code name ::=} begins. See
 * local-llm-backend/CONSTRAINTS.md.
 */
public final class Gbnf {

    private final String text;
    private int pos;

    private Gbnf(String text) {
        this.text = text;
    }

    /**
     * Parses and compiles a grammar.
     *
     * @throws GrammarException naming the line and column of a syntax error, or a rule that cannot be used
     */
    public static Grammar parse(String grammar) {
        return Grammar.of(rules(grammar), "root");
    }

    /** The rules of a grammar text, uncompiled (to combine with other rules). */
    public static Map<String, Expr> rules(String grammar) {
        return new Gbnf(grammar).parseRules();
    }

    private Map<String, Expr> parseRules() {
        Map<String, Expr> rules = new LinkedHashMap<>();
        skipSpace();
        while (pos < text.length()) {
            int start = pos;
            String name = name();
            skipSpace();
            if (!text.startsWith("::=", pos)) {
                throw error("expected '::=' after rule name '" + name + "'");
            }
            pos += 3;
            Expr body = alternatives();
            if (rules.put(name, body) != null) {
                pos = start;
                throw error("rule '" + name + "' is defined twice");
            }
            skipSpace();
        }
        if (rules.isEmpty()) {
            throw new GrammarException("the grammar is empty: it needs at least 'root ::= ...'");
        }
        if (!rules.containsKey("root")) {
            throw new GrammarException("the grammar has no 'root' rule to start from");
        }
        return rules;
    }

    private Expr alternatives() {
        List<Expr> choices = new ArrayList<>();
        choices.add(sequence());
        while (peek() == '|') {
            pos++;
            choices.add(sequence());
        }
        return choices.size() == 1 ? choices.getFirst() : new Expr.Alt(choices);
    }

    private Expr sequence() {
        List<Expr> parts = new ArrayList<>();
        while (true) {
            skipSpace();
            if (pos >= text.length() || peek() == '|' || peek() == ')' || atRuleStart()) {
                break;
            }
            parts.add(postfix(atom()));
        }
        return parts.size() == 1 ? parts.getFirst() : new Expr.Seq(parts);
    }

    private Expr atom() {
        char c = peek();
        if (c == '"') {
            return literal();
        }
        if (c == '[') {
            return charClass();
        }
        if (c == '.') {
            pos++;
            return new CodePointSet().add(0, Character.MAX_CODE_POINT).toExpr();
        }
        if (c == '(') {
            pos++;
            Expr inner = alternatives();
            skipSpace();
            if (peek() != ')') {
                throw error("expected ')' to close the group");
            }
            pos++;
            return inner;
        }
        if (isNameChar(c)) {
            return new Expr.Ref(name());
        }
        throw error("unexpected '" + c + "'");
    }

    private Expr postfix(Expr e) {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '*') {
                e = new Expr.Repeat(e, 0, -1);
            } else if (c == '+') {
                e = new Expr.Repeat(e, 1, -1);
            } else if (c == '?') {
                e = new Expr.Repeat(e, 0, 1);
            } else if (c == '{') {
                e = braces(e);
                continue;
            } else {
                return e;
            }
            pos++;
        }
        return e;
    }

    private Expr braces(Expr e) {
        int open = pos++;
        skipSpace();
        int min = number();
        int max = min;
        skipSpace();
        if (peek() == ',') {
            pos++;
            skipSpace();
            max = Character.isDigit(peek()) ? number() : -1;
            skipSpace();
        }
        if (peek() != '}') {
            pos = open;
            throw error("expected '{m}', '{m,}' or '{m,n}'");
        }
        pos++;
        if (max != -1 && max < min) {
            pos = open;
            throw error("repetition {" + min + "," + max + "} has its maximum below its minimum");
        }
        return new Expr.Repeat(e, min, max);
    }

    private int number() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a number");
        }
        try {
            return Integer.parseInt(text.substring(start, pos));
        } catch (NumberFormatException ex) {
            pos = start;
            throw error("repetition count is too large");
        }
    }

    private Expr literal() {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length() || text.charAt(pos) == '\n') {
                pos = start;
                throw error("unterminated string literal");
            }
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return new Expr.Literal(sb.toString());
            }
            sb.appendCodePoint(c == '\\' ? escape() : text.codePointAt(pos));
            if (c != '\\') {
                pos += Character.charCount(text.codePointAt(pos));
            }
        }
    }

    private Expr charClass() {
        int start = pos++;
        boolean negated = peek() == '^';
        if (negated) {
            pos++;
        }
        CodePointSet set = new CodePointSet();
        while (true) {
            if (pos >= text.length()) {
                pos = start;
                throw error("unterminated character class");
            }
            if (text.charAt(pos) == ']') {
                pos++;
                break;
            }
            int from = classChar();
            int to = from;
            if (peek() == '-' && pos + 1 < text.length() && text.charAt(pos + 1) != ']') {
                pos++;
                to = classChar();
                if (to < from) {
                    throw error("character range is reversed");
                }
            }
            set.add(from, to);
        }
        return negated ? set.complement() : set.toExpr();
    }

    private int classChar() {
        if (text.charAt(pos) == '\\') {
            return escape();
        }
        int cp = text.codePointAt(pos);
        pos += Character.charCount(cp);
        return cp;
    }

    /** Reads the escape at {@code pos} (a backslash) and returns its code point. */
    private int escape() {
        int start = pos++;
        if (pos >= text.length()) {
            throw error("unfinished escape");
        }
        char c = text.charAt(pos++);
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'x' -> hex(2, start);
            case 'u' -> hex(4, start);
            case 'U' -> hex(8, start);
            case '\\', '"', '[', ']', '-', '^', '/' -> c;
            default -> {
                pos = start;
                throw error("unknown escape '\\" + c + "'");
            }
        };
    }

    private int hex(int digits, int start) {
        if (pos + digits > text.length()) {
            pos = start;
            throw error("escape needs " + digits + " hex digits");
        }
        try {
            int cp = Integer.parseInt(text.substring(pos, pos + digits), 16);
            if (cp > Character.MAX_CODE_POINT) {
                throw new NumberFormatException();
            }
            pos += digits;
            return cp;
        } catch (NumberFormatException e) {
            pos = start;
            throw error("escape needs " + digits + " hex digits of a code point");
        }
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a rule name");
        }
        return text.substring(start, pos);
    }

    private boolean atRuleStart() {
        int p = pos;
        while (p < text.length() && isNameChar(text.charAt(p))) {
            p++;
        }
        if (p == pos) {
            return false;
        }
        while (p < text.length() && (text.charAt(p) == ' ' || text.charAt(p) == '\t')) {
            p++;
        }
        return text.startsWith("::=", p);
    }

    private static boolean isNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                while (pos < text.length() && text.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isWhitespace(c)) {
                pos++;
            } else {
                return;
            }
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private GrammarException error(String message) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < Math.min(pos, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new GrammarException("grammar " + line + ":" + column + ": " + message);
    }
}
