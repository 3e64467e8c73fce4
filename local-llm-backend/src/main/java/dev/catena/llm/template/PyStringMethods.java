package dev.catena.llm.template;

import com.hubspot.jinjava.util.ForLoop;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

import java.beans.FeatureDescriptor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The Python {@code str} methods chat templates call ({@code content.strip()}, {@code .split('</think>')},
 * {@code .startswith(...)}...), indexing a string ({@code role[0]}) and {@code loop.previtem}/{@code loop.nextitem}
 * (see {@link LoopItems}), resolved before Jinjava's own resolvers so they keep Python's meaning (Java's
 * {@code split} takes a regex, {@code startsWith} is spelled differently). Other calls fall through.
 */
final class PyStringMethods extends ELResolver {

    private final long maxChars;

    PyStringMethods(long maxChars) {
        this.maxChars = maxChars;
    }

    @Override
    public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
        if (!(base instanceof String s) || !(method instanceof String name)) {
            return null;
        }
        Object[] p = params == null ? new Object[0] : params;
        Object result = call(s, name, p);
        if (result == UNHANDLED) {
            return null;
        }
        context.setPropertyResolved(true);
        return result;
    }

    private static final Object UNHANDLED = new Object();

    private Object call(String s, String name, Object[] p) {
        return switch (name) {
            case "strip" -> strip(s, chars(p), true, true);
            case "lstrip" -> strip(s, chars(p), true, false);
            case "rstrip" -> strip(s, chars(p), false, true);
            case "upper" -> s.toUpperCase(Locale.ROOT);
            case "lower" -> s.toLowerCase(Locale.ROOT);
            case "title" -> title(s);
            case "capitalize" -> s.isEmpty() ? s : s.substring(0, 1).toUpperCase(Locale.ROOT) + s.substring(1).toLowerCase(Locale.ROOT);
            case "startswith" -> p.length > 0 && affix(s, p[0], true);
            case "endswith" -> p.length > 0 && affix(s, p[0], false);
            case "split" -> split(s, p.length > 0 && p[0] != null ? p[0].toString() : null, p.length > 1 ? toInt(p[1]) : -1);
            case "replace" -> replace(s, p);
            case "find" -> p.length > 0 ? s.indexOf(String.valueOf(p[0])) : UNHANDLED;
            case "count" -> p.length > 0 ? count(s, String.valueOf(p[0])) : UNHANDLED;
            case "isdigit" -> !s.isEmpty() && s.chars().allMatch(Character::isDigit);
            case "isspace" -> !s.isEmpty() && s.chars().allMatch(Character::isWhitespace);
            default -> UNHANDLED;
        };
    }

    private static String chars(Object[] p) {
        return p.length > 0 && p[0] != null ? p[0].toString() : null;
    }

    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0;
        int end = s.length();
        while (left && start < end && stripped(s.charAt(start), chars)) {
            start++;
        }
        while (right && end > start && stripped(s.charAt(end - 1), chars)) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) || Character.isSpaceChar(c) : chars.indexOf(c) >= 0;
    }

    private static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean previousCased = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(previousCased ? Character.toLowerCase(c) : Character.toUpperCase(c));
            previousCased = Character.isLetter(c);
        }
        return sb.toString();
    }

    private static boolean affix(String s, Object arg, boolean prefix) {
        if (arg instanceof Iterable<?> options) { // Python accepts a tuple of prefixes
            for (Object o : options) {
                if (prefix ? s.startsWith(String.valueOf(o)) : s.endsWith(String.valueOf(o))) {
                    return true;
                }
            }
            return false;
        }
        String a = String.valueOf(arg);
        return prefix ? s.startsWith(a) : s.endsWith(a);
    }

    private List<String> split(String s, String sep, int maxSplit) {
        List<String> parts = new ArrayList<>();
        if (sep == null) { // runs of whitespace, no empty parts
            int i = 0;
            int n = s.length();
            while (i < n) {
                while (i < n && Character.isWhitespace(s.charAt(i))) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                if (maxSplit >= 0 && parts.size() == maxSplit) {
                    parts.add(strip(s.substring(i), null, false, true));
                    break;
                }
                int j = i;
                while (j < n && !Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                parts.add(s.substring(i, j));
                i = j;
            }
            return parts;
        }
        if (sep.isEmpty()) {
            throw new IllegalArgumentException("empty separator");
        }
        int from = 0;
        int at;
        while ((maxSplit < 0 || parts.size() < maxSplit) && (at = s.indexOf(sep, from)) >= 0) {
            parts.add(s.substring(from, at));
            from = at + sep.length();
        }
        parts.add(s.substring(from));
        return parts;
    }

    private Object replace(String s, Object[] p) {
        if (p.length < 2) {
            return UNHANDLED;
        }
        String old = String.valueOf(p[0]);
        String by = String.valueOf(p[1]);
        int limit = p.length > 2 ? toInt(p[2]) : -1;
        if (old.isEmpty()) {
            return UNHANDLED;
        }
        StringBuilder sb = new StringBuilder();
        int from = 0;
        int at;
        int done = 0;
        while ((limit < 0 || done < limit) && (at = s.indexOf(old, from)) >= 0) {
            sb.append(s, from, at).append(by);
            from = at + old.length();
            done++;
            if (sb.length() > maxChars) {
                throw new IllegalStateException("replace() result longer than " + maxChars + " characters");
            }
        }
        return sb.append(s, from, s.length()).toString();
    }

    private static int count(String s, String sub) {
        if (sub.isEmpty()) {
            return s.length() + 1;
        }
        int n = 0;
        for (int at = s.indexOf(sub); at >= 0; at = s.indexOf(sub, at + sub.length())) {
            n++;
        }
        return n;
    }

    private static int toInt(Object o) {
        return o instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(o));
    }

    /** {@code text[i]}: Python indexes a string by code point, negative from the end; out of range is undefined. */
    @Override
    public Object getValue(ELContext context, Object base, Object property) {
        if (base instanceof ForLoop loop && ("previtem".equals(property) || "nextitem".equals(property))) {
            context.setPropertyResolved(true);
            return LoopItems.neighbour(loop, "previtem".equals(property) ? -1 : 1);
        }
        if (!(base instanceof String s)) {
            return null;
        }
        long index;
        if (property instanceof Number n) {
            index = n.longValue();
        } else if (property instanceof String p && p.matches("-?\\d{1,9}")) { // Jinjava passes numeric subscripts as text
            index = Long.parseLong(p);
        } else {
            return null;
        }
        context.setPropertyResolved(true);
        int length = s.codePointCount(0, s.length());
        long i = index < 0 ? index + length : index;
        if (i < 0 || i >= length) {
            return null;
        }
        int at = s.offsetByCodePoints(0, (int) i);
        return new String(Character.toChars(s.codePointAt(at)));
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
        return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {
    }

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
        return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
        return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
        return null;
    }
}
