package dev.catena.llm.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the expressions of a Jinja2 template where Jinjava's grammar differs from Jinja2's, so Hugging Face
 * templates mean what they mean under Python. Text, comments and {@code raw} blocks are left alone; inside
 * {@code {{ }}} and {@code {% %}}:
 * <ul>
 *   <li>unary {@code not X} becomes {@code not (X)}, X running to the next top-level {@code and}, {@code or},
 *       {@code if}, {@code else}, comma or closing bracket: Jinja2's {@code not} binds looser than comparisons
 *       and tests ({@code not tools is defined}, {@code not calls|length == 1}); Jinjava's binds tighter;</li>
 *   <li>a keyword argument's value is parenthesised ({@code namespace(i=messages|length - 1)}): Jinjava would
 *       apply the {@code - 1} to the whole named parameter;</li>
 *   <li>the reversing slice {@code [::-1]} becomes {@code |reverse|list} (Jinjava has no slice step).</li>
 *   <li>a loop filter, {@code for x in items if cond}, iterates over the kept items (see {@link LoopFilter});</li>
 *   <li>where a template uses {@code loop.previtem}/{@code loop.nextitem}, loops iterate over
 *       {@code catena_loop_items(...)} (see {@link LoopItems});</li>
 *   <li>every output {@code {{ x }}} writes {@code catena_str(x)}, Python's {@code str()} (see {@link PythonStr});</li>
 *   <li>one trailing newline of the source is dropped, as Jinja2 does;</li>
 *   <li>a comment becomes an empty {@code if} block, so that {@code trim_blocks}, {@code lstrip_blocks} and
 *       {@code -}/{@code +} treat the whitespace around it as Jinja2 does.</li>
 * </ul>
 */
final class JinjaCompat {

    private static final Set<String> ENDS_OPERAND = Set.of("and", "or", "if", "else");
    /** Words after which {@code not} is unary (other words and literals make it {@code not in} / {@code is not}). */
    private static final Set<String> BEFORE_UNARY = Set.of("if", "elif", "and", "or", "not", "else", "return", "in");

    private JinjaCompat() {
    }

    static String rewrite(String source) {
        // Jinja2 drops one trailing newline of the template source (keep_trailing_newline=False).
        String template = source.endsWith("\r\n") ? source.substring(0, source.length() - 2)
                : source.endsWith("\n") ? source.substring(0, source.length() - 1) : source;
        boolean neighbours = template.contains("previtem") || template.contains("nextitem");
        StringBuilder out = new StringBuilder(template.length() + 64);
        int i = 0;
        int n = template.length();
        boolean raw = false;
        while (i < n) {
            int open = template.indexOf('{', i);
            if (open < 0 || open + 1 >= n) {
                out.append(template, i, n);
                break;
            }
            char kind = template.charAt(open + 1);
            if (kind != '{' && kind != '%' && kind != '#') {
                out.append(template, i, open + 1);
                i = open + 1;
                continue;
            }
            out.append(template, i, open);
            String close = kind == '{' ? "}}" : kind == '%' ? "%}" : "#}";
            int end = kind == '#' ? template.indexOf(close, open + 2) : codeEnd(template, open + 2, close);
            if (end < 0) { // unterminated: leave it for Jinjava to report
                out.append(template, open, n);
                break;
            }
            String body = template.substring(open + 2, end);
            if (kind == '#' && !raw) {
                // A comment becomes an empty block, so trim_blocks/lstrip_blocks and -/+ treat it as Jinja2 does.
                String left = body.startsWith("-") || body.startsWith("+") ? body.substring(0, 1) : "";
                String right = body.endsWith("-") || body.endsWith("+") ? body.substring(body.length() - 1) : "";
                out.append("{%").append(left).append(" if false %}{% endif ").append(right).append("%}");
                i = end + 2;
                continue;
            }
            if (kind == '%') {
                String word = firstWord(body);
                if (raw) {
                    raw = !word.equals("endraw");
                } else if (word.equals("raw")) {
                    raw = true;
                }
            }
            boolean code = !raw && kind != '#' && !(kind == '%' && Set.of("macro", "call", "raw", "endraw").contains(firstWord(body)));
            String rewritten = !code ? body
                    : kind == '%' && firstWord(body).equals("for") ? rewriteFor(body, neighbours)
                    : kind == '{' ? pythonStr(rewriteExpression(body)) : rewriteExpression(body);
            out.append(template, open, open + 2).append(rewritten).append(close);
            i = end + 2;
        }
        return out.toString();
    }

    private static String firstWord(String body) {
        String s = body.strip();
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1).strip();
        }
        int e = 0;
        while (e < s.length() && Character.isJavaIdentifierPart(s.charAt(e))) {
            e++;
        }
        return s.substring(0, e);
    }

    /** The index of the closing delimiter, skipping string literals; -1 when missing. */
    private static int codeEnd(String s, int from, String close) {
        for (int i = from; i < s.length() - 1; i++) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int q = s.indexOf(c, i + 1);
                while (q > 0 && s.charAt(q - 1) == '\\' && !escapedBackslash(s, q - 1)) {
                    q = s.indexOf(c, q + 1);
                }
                if (q < 0) {
                    return -1;
                }
                i = q;
            } else if (c == close.charAt(0) && s.charAt(i + 1) == close.charAt(1)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean escapedBackslash(String s, int at) {
        int count = 0;
        while (at >= 0 && s.charAt(at) == '\\') {
            count++;
            at--;
        }
        return count % 2 == 0;
    }

    private record Token(String text, int start, int end, boolean word, boolean literal) {
    }

    private static List<Token> tokenize(String s) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '\'' || c == '"') {
                int q = i + 1;
                while (q < s.length() && s.charAt(q) != c) {
                    q += s.charAt(q) == '\\' ? 2 : 1;
                }
                int e = Math.min(q + 1, s.length());
                tokens.add(new Token(s.substring(i, e), i, e, false, true));
                i = e;
            } else if (Character.isJavaIdentifierStart(c) || Character.isDigit(c)) {
                int e = i;
                while (e < s.length() && (Character.isJavaIdentifierPart(s.charAt(e)) || s.charAt(e) == '.' && e + 1 < s.length()
                        && Character.isJavaIdentifierPart(s.charAt(e + 1)))) {
                    e++;
                }
                tokens.add(new Token(s.substring(i, e), i, e, Character.isJavaIdentifierStart(c), Character.isDigit(c)));
                i = e;
            } else {
                int e = i + 1;
                if (e < s.length() && "=!<>".indexOf(c) >= 0 && s.charAt(e) == '=' || c == '*' && e < s.length() && s.charAt(e) == '*'
                        || c == '/' && e < s.length() && s.charAt(e) == '/') {
                    e++;
                }
                tokens.add(new Token(s.substring(i, e), i, e, false, false));
                i = e;
            }
        }
        return tokens;
    }

    /**
     * {@code for T in ITER if COND} becomes {@code for T in catena_loop_filter(ITER, 'T', 'COND')} (see
     * {@link LoopFilter}); other loops only get their expression rewritten.
     */
    static String rewriteFor(String body, boolean neighbours) {
        List<Token> t = tokenize(body);
        int in = -1;
        int depth = 0;
        for (int k = 0; k < t.size(); k++) {
            String s = t.get(k).text();
            if (s.equals("(") || s.equals("[") || s.equals("{")) {
                depth++;
            } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
                depth--;
            } else if (depth == 0 && t.get(k).word()) {
                if (in < 0 && s.equals("in")) {
                    in = k;
                } else if (in >= 0 && s.equals("if")) {
                    int forAt = -1;
                    for (int j = 0; j < in; j++) {
                        if (t.get(j).text().equals("for")) {
                            forAt = j;
                            break;
                        }
                    }
                    if (forAt < 0 || in + 1 >= k) {
                        break;
                    }
                    String head = body.substring(0, t.get(in + 1).start());
                    String targets = body.substring(t.get(forAt).end(), t.get(in).start()).strip();
                    String items = body.substring(t.get(in + 1).start(), t.get(k - 1).end());
                    String rest = body.substring(t.get(k).end());
                    String trailing = "";
                    String condition = rest;
                    String stripped = rest.stripTrailing();
                    if (stripped.endsWith("-") || stripped.endsWith("+")) {
                        condition = stripped.substring(0, stripped.length() - 1);
                        trailing = stripped.substring(stripped.length() - 1);
                    }
                    String filtered = LoopFilter.FUNCTION + "(" + rewriteExpression(items);
                    if (neighbours) {
                        filtered = LoopItems.FUNCTION + "(" + filtered;
                    }
                    return rewriteExpression(head) + filtered + ", " + quote(targets) + ", "
                            + quote(rewriteExpression(condition).strip()) + ")" + (neighbours ? ")" : "") + " " + trailing;
                }
            }
        }
        if (neighbours && in > 0) {
            String head = body.substring(0, t.get(in).end());
            String rest = body.substring(t.get(in).end());
            String stripped = rest.stripTrailing();
            String trailing = "";
            int cut = stripped.length();
            if (stripped.endsWith("-") || stripped.endsWith("+")) {
                trailing = stripped.substring(cut - 1);
                cut--;
            }
            String items = stripped.substring(0, cut).strip();
            if (items.endsWith(" recursive")) {
                return rewriteExpression(body);
            }
            return rewriteExpression(head) + " " + LoopItems.FUNCTION + "(" + rewriteExpression(items) + ") " + trailing;
        }
        return rewriteExpression(body);
    }

    /** {@code {{- x -}}} becomes {@code {{- catena_str(x) -}}} (see {@link PythonStr}). */
    private static String pythonStr(String body) {
        String b = body.strip();
        String left = b.startsWith("-") || b.startsWith("+") ? b.substring(0, 1) : "";
        b = b.substring(left.length());
        String right = b.endsWith("-") || b.endsWith("+") ? b.substring(b.length() - 1) : "";
        b = b.substring(0, b.length() - right.length()).strip();
        if (b.isEmpty()) {
            return body;
        }
        return left + " " + PythonStr.FUNCTION + "(" + b + ") " + right;
    }

    private static String quote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static String rewriteExpression(String body) {
        List<Token> t = tokenize(body);
        // insertions: position -> text, applied from the end
        List<int[]> at = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (int k = 0; k < t.size(); k++) {
            Token tok = t.get(k);
            if (tok.word() && tok.text().equals("not") && unary(t, k)) {
                int end = operandEnd(t, k + 1);
                if (end > k + 1) {
                    at.add(new int[] {t.get(k + 1).start()});
                    text.add("(");
                    at.add(new int[] {t.get(end - 1).end()});
                    text.add(")");
                }
            } else if (tok.text().equals("=") && k >= 2 && t.get(k - 1).word()
                    && (t.get(k - 2).text().equals("(") || t.get(k - 2).text().equals(",")) && insideCall(t, k)) {
                int end = argumentEnd(t, k + 1);
                if (end > k + 1) {
                    at.add(new int[] {t.get(k + 1).start()});
                    text.add("(");
                    at.add(new int[] {t.get(end - 1).end()});
                    text.add(")");
                }
            }
        }
        StringBuilder sb = new StringBuilder(body);
        // stable order: later positions first; at equal positions, ")" before "(" was recorded in order, so insert in reverse index order
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < at.size(); k++) {
            order.add(k);
        }
        order.sort((a, b) -> at.get(b)[0] != at.get(a)[0] ? Integer.compare(at.get(b)[0], at.get(a)[0]) : Integer.compare(b, a));
        for (int k : order) {
            sb.insert(at.get(k)[0], text.get(k));
        }
        return reverseSlices(sb.toString());
    }

    private static boolean unary(List<Token> t, int k) {
        if (k == 0) {
            return true;
        }
        Token prev = t.get(k - 1);
        if (prev.word()) {
            return BEFORE_UNARY.contains(prev.text()) || k == 1 && prev.text().equals("-"); // "{%- if" handled by word
        }
        if (prev.literal()) {
            return false;
        }
        return !(prev.text().equals(")") || prev.text().equals("]") || prev.text().equals("}"));
    }

    /** Index after the last token of the operand of a unary not starting at {@code from}. */
    private static int operandEnd(List<Token> t, int from) {
        int depth = 0;
        int k = from;
        for (; k < t.size(); k++) {
            Token tok = t.get(k);
            String s = tok.text();
            if (s.equals("(") || s.equals("[") || s.equals("{")) {
                depth++;
            } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && (tok.word() && ENDS_OPERAND.contains(s) || s.equals(",") || s.equals("-") && k == t.size() - 1)) {
                break;
            }
        }
        return k;
    }

    private static boolean insideCall(List<Token> t, int k) {
        int depth = 0;
        for (int j = k - 1; j >= 0; j--) {
            String s = t.get(j).text();
            if (s.equals(")") || s.equals("]") || s.equals("}")) {
                depth++;
            } else if (s.equals("(") || s.equals("[") || s.equals("{")) {
                if (depth == 0) {
                    return s.equals("(") && j > 0 && t.get(j - 1).word();
                }
                depth--;
            }
        }
        return false;
    }

    private static int argumentEnd(List<Token> t, int from) {
        int depth = 0;
        int k = from;
        for (; k < t.size(); k++) {
            String s = t.get(k).text();
            if (s.equals("(") || s.equals("[") || s.equals("{")) {
                depth++;
            } else if (s.equals(")") || s.equals("]") || s.equals("}")) {
                if (depth == 0) {
                    break;
                }
                depth--;
            } else if (depth == 0 && s.equals(",")) {
                break;
            }
        }
        return k;
    }

    private static String reverseSlices(String s) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                int q = i + 1;
                while (q < s.length() && s.charAt(q) != c) {
                    q += s.charAt(q) == '\\' ? 2 : 1;
                }
                int e = Math.min(q + 1, s.length());
                out.append(s, i, e);
                i = e;
            } else if (c == '[' && s.startsWith("::-1]", i + 1) || c == '[' && s.replace(" ", "").startsWith("[::-1]", i) && s.indexOf(']', i) > 0
                    && s.substring(i, s.indexOf(']', i) + 1).replace(" ", "").equals("[::-1]")) {
                out.append("|reverse|list");
                i = s.indexOf(']', i) + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
