package dev.catena.llm.template;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Map;

/**
 * {@code json.dumps} as Hugging Face's {@code tojson} filter calls it ({@code ensure_ascii=False}): Python's
 * separators ({@code ", "} and {@code ": "}, or {@code ","} between items when indenting), Python's string
 * escapes (short forms for {@code \b \f \n \r \t}, lowercase hexadecimal escapes for other control characters,
 * non-ASCII kept), {@code true/false/null}, and floats as Python prints them ({@code 1.0}, {@code 1e-07}).
 */
final class PythonJson {

    private PythonJson() {
    }

    /** Serializes a value; {@code indent} &lt; 0 means none. Output length is bounded by {@code maxChars}. */
    static String dumps(Object value, int indent, String itemSeparator, String keySeparator, boolean sortKeys, long maxChars) {
        StringBuilder sb = new StringBuilder();
        String items = itemSeparator != null ? itemSeparator : indent >= 0 ? "," : ", ";
        String keys = keySeparator != null ? keySeparator : ": ";
        write(sb, value, indent, 0, items, keys, sortKeys, maxChars);
        return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent, int level, String items, String keys,
                              boolean sortKeys, long maxChars) {
        if (sb.length() > maxChars) {
            throw new IllegalStateException("tojson output longer than " + maxChars + " characters");
        }
        if (level > 256) {
            throw new IllegalStateException("tojson nesting deeper than 256 levels");
        }
        switch (v) {
            case null -> sb.append("null");
            case Boolean b -> sb.append(b ? "true" : "false");
            case CharSequence s -> string(sb, s.toString());
            case Character c -> string(sb, c.toString());
            case Double d -> sb.append(pyFloat(d));
            case Float f -> sb.append(pyFloat(f.doubleValue()));
            case BigDecimal d -> sb.append(pyFloat(d.doubleValue()));
            case Number n -> sb.append(n instanceof BigInteger ? n.toString() : Long.toString(n.longValue()));
            case Map<?, ?> m -> {
                if (m.isEmpty()) {
                    sb.append("{}");
                    return;
                }
                Iterable<? extends Map.Entry<?, ?>> entries = m.entrySet();
                if (sortKeys) {
                    entries = m.entrySet().stream().sorted((a, b) -> String.valueOf(a.getKey()).compareTo(String.valueOf(b.getKey()))).toList();
                }
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : entries) {
                    if (!first) {
                        sb.append(items);
                    }
                    first = false;
                    newline(sb, indent, level + 1);
                    string(sb, String.valueOf(e.getKey()));
                    sb.append(keys);
                    write(sb, e.getValue(), indent, level + 1, items, keys, sortKeys, maxChars);
                }
                newline(sb, indent, level);
                sb.append('}');
            }
            case Collection<?> c -> sequence(sb, c, indent, level, items, keys, sortKeys, maxChars);
            case Object[] a -> sequence(sb, java.util.Arrays.asList(a), indent, level, items, keys, sortKeys, maxChars);
            default -> string(sb, v.toString());
        }
    }

    private static void sequence(StringBuilder sb, Collection<?> c, int indent, int level, String items, String keys,
                                 boolean sortKeys, long maxChars) {
        if (c.isEmpty()) {
            sb.append("[]");
            return;
        }
        sb.append('[');
        boolean first = true;
        for (Object o : c) {
            if (!first) {
                sb.append(items);
            }
            first = false;
            newline(sb, indent, level + 1);
            write(sb, o, indent, level + 1, items, keys, sortKeys, maxChars);
        }
        newline(sb, indent, level);
        sb.append(']');
    }

    private static void newline(StringBuilder sb, int indent, int level) {
        if (indent >= 0) {
            sb.append('\n').repeat(' ', indent * level);
        }
    }

    static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Python's repr of a float: shortest round-trip digits, {@code .0} for integral values, exponent form beyond 1e16. */
    static String pyFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal exact = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = exact.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - exact.scale(); // decimal exponent of the first digit
        String sign = d < 0 ? "-" : "";
        if (exponent < -4 || exponent >= 16) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        String plain = exact.abs().toPlainString();
        return sign + (plain.contains(".") ? plain : plain + ".0");
    }
}
