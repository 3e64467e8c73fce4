package dev.catena.chains.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:path}} inside string values of a tree, in place,
 * and remembers each original string so that a writer can put the placeholder back (secrets are
 * never written out). {@code $${} stands for a literal {@code ${}.
 */
final class Placeholders {

    private static final Pattern TOKEN = Pattern.compile("\\$\\$\\{|\\$\\{([a-z]+):([^}]*)}|\\$\\{");

    /** A problem found at a key path. */
    record Problem(String path, String message) {}

    private Placeholders() {}

    /**
     * Resolves every string under {@code node} (at key path {@code path}). {@code resolver} maps
     * (scheme, argument) to a value or throws IllegalArgumentException with the reason.
     */
    static void resolve(JsonNode node, String path, Resolver resolver, Map<String, String> raw, List<Problem> problems) {
        if (node instanceof ObjectNode o) {
            List<String> names = new ArrayList<>();
            o.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode child = o.get(name);
                String p = path.isEmpty() ? name : path + "." + name;
                if (child.isTextual()) {
                    String value = text(child.textValue(), p, resolver, raw, problems);
                    if (value != null) o.set(name, TextNode.valueOf(value));
                } else {
                    resolve(child, p, resolver, raw, problems);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode child = a.get(i);
                String p = path + "[" + i + "]";
                if (child.isTextual()) {
                    String value = text(child.textValue(), p, resolver, raw, problems);
                    if (value != null) a.set(i, TextNode.valueOf(value));
                } else {
                    resolve(child, p, resolver, raw, problems);
                }
            }
        }
    }

    /** The resolved string, or null when it has no placeholder. */
    private static String text(String s, String path, Resolver resolver, Map<String, String> raw, List<Problem> problems) {
        if (!s.contains("${")) return null;
        Matcher m = TOKEN.matcher(s);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start());
            last = m.end();
            if (m.group().equals("$${")) {
                out.append("${");
            } else if (m.group(1) == null) {
                problems.add(new Problem(path, "unterminated or malformed placeholder; expected ${env:NAME} or ${file:relative/path} (write $${ for a literal ${)"));
                return null;
            } else {
                try {
                    out.append(resolver.resolve(m.group(1), m.group(2)));
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(path, e.getMessage()));
                    return null;
                }
            }
        }
        out.append(s.substring(last));
        raw.put(path, s);
        return out.toString();
    }

    /** Escapes a plain string so that it reads back unchanged: {@code ${} becomes {@code $${}. */
    static String escape(String s) {
        return s.replace("${", "$${");
    }

    /** Resolves one placeholder. */
    @FunctionalInterface
    interface Resolver {
        String resolve(String scheme, String argument);
    }

}
