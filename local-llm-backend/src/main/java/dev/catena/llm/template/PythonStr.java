package dev.catena.llm.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * Python's {@code str()} of a value written by {@code {{ ... }}}, where Jinjava writes Java's: {@code True}/{@code False},
 * floats as Python prints them, lists and dicts as Python's repr ({@code ['a', None]}, {@code {'k': 1}}).
 * {@link JinjaCompat} wraps every output expression in {@code catena_str(...)}. A null at the top level is
 * Jinja2's undefined and writes nothing; inside a container it is {@code None}.
 */
final class PythonStr {

    static final String FUNCTION = "catena_str";

    private PythonStr() {
    }

    /** The function bound as {@value #FUNCTION}; other objects pass through to Jinjava's own output. */
    public static Object str(Object v) {
        return switch (v) {
            case null -> "";
            case String s -> s;
            case Boolean b -> b ? "True" : "False";
            case Double d -> PythonJson.pyFloat(d);
            case Float f -> PythonJson.pyFloat(f.doubleValue());
            case BigDecimal d -> PythonJson.pyFloat(d.doubleValue());
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case BigInteger i -> i.toString();
            case Map<?, ?> m -> repr(m, 0);
            case Collection<?> c -> repr(c, 0);
            case Object[] a -> repr(Arrays.asList(a), 0);
            default -> v;
        };
    }

    private static String repr(Object v, int depth) {
        if (depth > 64) {
            throw new IllegalStateException("value nested deeper than 64 levels");
        }
        return switch (v) {
            case null -> "None";
            case String s -> quote(s);
            case Map<?, ?> m -> {
                StringBuilder sb = new StringBuilder("{");
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    sb.append(first ? "" : ", ").append(repr(e.getKey(), depth + 1)).append(": ").append(repr(e.getValue(), depth + 1));
                    first = false;
                }
                yield sb.append('}').toString();
            }
            case Collection<?> c -> {
                StringBuilder sb = new StringBuilder("[");
                boolean first = true;
                for (Object o : c) {
                    sb.append(first ? "" : ", ").append(repr(o, depth + 1));
                    first = false;
                }
                yield sb.append(']').toString();
            }
            case Object[] a -> repr(Arrays.asList(a), depth);
            default -> String.valueOf(str(v));
        };
    }

    /** Python's repr of a str: single quotes unless the text has a single quote and no double quote. */
    static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) {
                        sb.append('\\').append(c);
                    } else if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append(q).toString();
    }
}
