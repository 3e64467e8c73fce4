package dev.catena.agents.tool.builtin;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A safe arithmetic evaluator: a recursive-descent parser over doubles, no script engine, no
 * reflection, nothing but arithmetic. Grammar (usual precedence, {@code ^} binds right):
 *
 * <pre>
 * expr   := term (('+' | '-') term)*
 * term   := unary (('*' | '/' | '%') unary)*
 * unary  := ('-' | '+') unary | power
 * power  := atom (('^' | '**') unary)?
 * atom   := number | constant | function '(' expr (',' expr)* ')' | '(' expr ')'
 * </pre>
 *
 * Functions: sqrt, abs, min, max, round, floor, ceil, exp, ln, log (base 10), sin, cos, tan, pow.
 * Constants: pi, e. Input is bounded ({@link #MAX_LENGTH} characters, {@link #MAX_DEPTH} nesting);
 * errors ({@link CalculatorException}) give the position and what was expected.
 */
public final class Calculator {

    /** Longest expression accepted. */
    public static final int MAX_LENGTH = 1_000;

    /** Deepest nesting of parentheses, unary signs and powers accepted. */
    public static final int MAX_DEPTH = 64;

    /** A number as {@link #EXPRESSION} admits it: at most 15 digits before and after the point. */
    private static final String NUMBER = "[0-9]{1,15}(\\.[0-9]{1,15})?";

    /** The numbers written in a text: digit runs with an optional decimal part, thousands commas dropped. */
    private static final Pattern NUMBER_IN_TEXT = Pattern.compile("(?<![0-9.,])[0-9]{1,3}(,[0-9]{3})+(\\.[0-9]+)?(?![0-9])|(?<![0-9.])[0-9]+(\\.[0-9]+)?(?![0-9])");

    private static final Pattern PI_IN_TEXT = Pattern.compile("(?i)\\bpi\\b|\u03c0");

    private static final List<String> FUNCTIONS =
            List.of("sqrt", "abs", "min", "max", "round", "floor", "ceil", "exp", "ln", "log", "sin", "cos", "tan", "pow");

    /**
     * A regular expression of the expressions a model should send, for decoding constraints: numbers (at most 15 digits
     * before and after the point) and {@code pi}, the operators {@code + - * / % ^ **} with at most one space around
     * them, parentheses and functions nested at most {@value #PATTERN_DEPTH} deep, and at least one operator, function or
     * parenthesis (a bare number is not a calculation; small models send one when they do not know what to compute).
     * The calculator reads more (exponents, {@code _}, {@code e}, deeper nesting); a model held to this pattern writes
     * expressions that parse, and cannot run on inside a number.
     */
    public static final String EXPRESSION = expressionPattern();

    /** How deep {@link #EXPRESSION} nests parentheses and functions. */
    public static final int PATTERN_DEPTH = 2;

    private final String text;
    private int pos;
    private int depth;

    private Calculator(String text) {
        this.text = text;
    }

    /**
     * Evaluates {@code expression}.
     *
     * @throws CalculatorException for syntax errors, unknown names, division by zero or a result that is not finite
     */
    public static double evaluate(String expression) {
        if (expression == null || expression.isBlank()) throw new CalculatorException("the expression is empty");
        if (expression.length() > MAX_LENGTH) {
            throw new CalculatorException("the expression is " + expression.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        Calculator c = new Calculator(expression);
        double value = c.expr();
        c.skipSpaces();
        if (c.pos < c.text.length()) throw c.error("unexpected '" + c.text.charAt(c.pos) + "'");
        return finite(value, "the result");
    }

    /** Formats a result: integers without a decimal point, others with up to 12 significant digits. */
    public static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) return Long.toString((long) value);
        return new BigDecimal(value).round(new java.math.MathContext(12)).stripTrailingZeros().toPlainString();
    }

    /**
     * The numbers written in {@code text}, in order of first appearance and as {@link #EXPRESSION} would write them
     * ({@code 1,234.5} is {@code 1234.5}); longer than 15 digits on either side of the point are left out.
     */
    public static List<String> numbersIn(String text) {
        Set<String> numbers = new LinkedHashSet<>();
        Matcher m = NUMBER_IN_TEXT.matcher(text);
        while (m.find()) {
            String n = m.group().replace(",", "");
            if (n.matches(NUMBER)) numbers.add(n);
        }
        return List.copyOf(numbers);
    }

    /**
     * {@link #EXPRESSION} with its numbers restricted to {@code numbers} (and {@code pi} when {@code withPi}), for a
     * calculation grounded in what a model has read.
     *
     * @throws IllegalArgumentException when {@code numbers} is empty and there is no {@code pi}, or a number is not
     *                                  one {@link #EXPRESSION} admits
     */
    public static String expressionOver(List<String> numbers, boolean withPi) {
        if (numbers.isEmpty() && !withPi) throw new IllegalArgumentException("an expression needs at least one number");
        List<String> alternatives = new ArrayList<>();
        for (String n : numbers) {
            if (!n.matches(NUMBER)) throw new IllegalArgumentException("'" + n + "' is not a number of at most 15+15 digits");
            alternatives.add(n.replace(".", "\\."));
        }
        if (withPi) alternatives.add("pi");
        return expressionPattern("(" + String.join("|", alternatives) + ")");
    }

    /** Whether {@code text} mentions pi. */
    public static boolean mentionsPi(String text) {
        return PI_IN_TEXT.matcher(text).find();
    }

    private static String expressionPattern() {
        return expressionPattern("(" + NUMBER + "|pi)");
    }

    private static String expressionPattern(String number) {
        String space = " ?";
        String op = space + "(\\*\\*|[-+*/%^])" + space;
        String function = "(" + String.join("|", FUNCTIONS) + ")";
        String expr = "-?" + number + "(" + op + "-?" + number + ")*";
        String nested = null;
        String atom = null;
        for (int depth = 1; depth <= PATTERN_DEPTH; depth++) {
            nested = "(\\(" + space + expr + space + "\\)|" + function + "\\(" + space + expr
                    + "(" + space + "," + space + expr + ")*" + space + "\\))";
            atom = "(" + number + "|" + nested + ")";
            expr = "-?" + atom + "(" + op + "-?" + atom + ")*";
        }
        return "^-?(" + atom + "(" + op + "-?" + atom + ")+|" + nested + "(" + op + "-?" + atom + ")*)$";
    }

    private double expr() {
        double v = term();
        while (true) {
            if (eat('+')) v = v + term();
            else if (eat('-')) v = v - term();
            else return v;
        }
    }

    private double term() {
        double v = unary();
        while (true) {
            int at = pos;
            if (atPowerStars()) return v;
            if (eat('*')) v = v * unary();
            else if (eat('/')) {
                double d = unary();
                if (d == 0) throw error(at, "division by zero");
                v = v / d;
            } else if (eat('%')) {
                double d = unary();
                if (d == 0) throw error(at, "modulo by zero");
                v = v % d;
            } else return v;
        }
    }

    private double unary() {
        enter();
        try {
            if (eat('-')) return -unary();
            if (eat('+')) return unary();
            return power();
        } finally {
            depth--;
        }
    }

    private double power() {
        double base = atom();
        int at = pos;
        boolean stars = atPowerStars();
        if (stars) pos += 2;
        if (stars || eat('^')) {
            enter();
            try {
                return finite(Math.pow(base, unary()), at, "the power");
            } finally {
                depth--;
            }
        }
        return base;
    }

    private double atom() {
        skipSpaces();
        if (pos >= text.length()) throw error("expected a number, a name or '(' but the expression ended");
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            enter();
            double v = expr();
            depth--;
            expect(')');
            return v;
        }
        if (Character.isDigit(c) || c == '.') return number();
        if (Character.isLetter(c)) return named();
        throw error("unexpected '" + c + "'");
    }

    private double number() {
        int start = pos;
        while (pos < text.length() && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.' || text.charAt(pos) == '_')) pos++;
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            int save = pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) pos++;
            if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                while (pos < text.length() && Character.isDigit(text.charAt(pos))) pos++;
            } else {
                pos = save;
            }
        }
        String literal = text.substring(start, pos).replace("_", "");
        try {
            return finite(Double.parseDouble(literal), start, "the number " + literal);
        } catch (NumberFormatException e) {
            throw error(start, "'" + literal + "' is not a number");
        }
    }

    private double named() {
        int start = pos;
        while (pos < text.length() && Character.isLetterOrDigit(text.charAt(pos))) pos++;
        String name = text.substring(start, pos).toLowerCase(Locale.ROOT);
        switch (name) {
            case "pi": return Math.PI;
            case "e": return Math.E;
            default: break;
        }
        if (!FUNCTIONS.contains(name)) {
            throw error(start, "unknown name '" + text.substring(start, pos) + "'; known functions: "
                    + String.join(", ", FUNCTIONS) + "; constants: pi, e");
        }
        skipSpaces();
        if (!eat('(')) throw error("expected '(' after " + name);
        enter();
        java.util.ArrayList<Double> args = new java.util.ArrayList<>();
        args.add(expr());
        while (eat(',')) args.add(expr());
        depth--;
        expect(')');
        return finite(apply(name, args, start), start, name + "(...)");
    }

    private double apply(String name, List<Double> a, int at) {
        int arity = switch (name) {
            case "min", "max" -> -1;
            case "pow" -> 2;
            default -> 1;
        };
        if (arity > 0 && a.size() != arity) throw error(at, name + " takes " + arity + " argument(s), got " + a.size());
        double x = a.getFirst();
        return switch (name) {
            case "sqrt" -> {
                if (x < 0) throw error(at, "sqrt of a negative number");
                yield Math.sqrt(x);
            }
            case "abs" -> Math.abs(x);
            case "min" -> a.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case "max" -> a.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            case "round" -> Math.round(x);
            case "floor" -> Math.floor(x);
            case "ceil" -> Math.ceil(x);
            case "exp" -> Math.exp(x);
            case "ln" -> {
                if (x <= 0) throw error(at, "ln of a number that is not positive");
                yield Math.log(x);
            }
            case "log" -> {
                if (x <= 0) throw error(at, "log of a number that is not positive");
                yield Math.log10(x);
            }
            case "sin" -> Math.sin(x);
            case "cos" -> Math.cos(x);
            case "tan" -> Math.tan(x);
            case "pow" -> Math.pow(x, a.get(1));
            default -> throw error(at, "unknown function " + name);
        };
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw error("the expression is nested more than " + MAX_DEPTH + " levels deep");
    }

    /** Whether the next operator is {@code **}, the power as Python and many models write it; skips spaces. */
    private boolean atPowerStars() {
        skipSpaces();
        return text.startsWith("**", pos);
    }

    private boolean eat(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!eat(c)) {
            throw error(pos >= text.length() ? "expected '" + c + "' but the expression ended"
                    : "expected '" + c + "' but found '" + text.charAt(pos) + "'");
        }
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private double finite(double v, int at, String what) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw error(at, what + " is not a finite number");
        return v;
    }

    private static double finite(double v, String what) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw new CalculatorException(what + " is not a finite number");
        return v;
    }

    private CalculatorException error(String message) {
        return error(pos, message);
    }

    private CalculatorException error(int at, String message) {
        return new CalculatorException(message + " at position " + (at + 1) + " in: " + abbreviated());
    }

    private String abbreviated() {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
