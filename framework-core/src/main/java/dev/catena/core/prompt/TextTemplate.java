package dev.catena.core.prompt;

import com.github.mustachejava.Code;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.codes.IterableCode;
import com.github.mustachejava.codes.ValueCode;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One piece of template text, parsed once: its variables are known when it is built and
 * {@link #render} fills them in. Immutable and thread-safe.
 */
public final class TextTemplate {

    private static final DefaultMustacheFactory MUSTACHE = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("Failed to write value", e);
            }
        }
    };

    private final String source;
    private final TemplateFormat format;
    private final Set<String> variables;
    private final List<Object> parts;   // BRACES: String literal or Var
    private final Mustache mustache;    // MUSTACHE

    private record Var(String name) {}

    private TextTemplate(String source, TemplateFormat format, String origin) {
        this.source = Objects.requireNonNull(source, "template");
        this.format = Objects.requireNonNull(format, "format");
        if (format == TemplateFormat.BRACES) {
            this.parts = parseBraces(source, origin);
            Set<String> vars = new LinkedHashSet<>();
            for (Object p : parts) if (p instanceof Var(String name)) vars.add(name);
            this.variables = Set.copyOf(vars);
            this.mustache = null;
        } else {
            this.parts = List.of();
            try {
                this.mustache = MUSTACHE.compile(new StringReader(source), origin);
            } catch (MustacheException e) {
                throw new TemplateException("Invalid Mustache template " + origin + ": " + e.getMessage(), e);
            }
            Set<String> vars = new LinkedHashSet<>();
            collectMustacheNames(mustache.getCodes(), vars);
            this.variables = Set.copyOf(vars);
        }
    }

    /** Parses {@code source} in {@code format}; {@code origin} (a file name, or "template") appears in errors. */
    public static TextTemplate of(String source, TemplateFormat format, String origin) {
        return new TextTemplate(source, format, origin);
    }

    public static TextTemplate of(String source, TemplateFormat format) {
        return new TextTemplate(source, format, "template");
    }

    public String source() { return source; }

    public TemplateFormat format() { return format; }

    /** The variables the template uses (for Mustache: the top-level names, including section names). */
    public Set<String> variables() { return variables; }

    /** Fills in the variables; a variable missing from {@code values} is a {@link TemplateException} naming it. */
    public String render(Map<String, ?> values) {
        for (String v : variables) {
            if (!values.containsKey(v)) {
                throw new TemplateException("Missing value for template variable '" + v + "' (given: " + values.keySet() + ")");
            }
        }
        if (format == TemplateFormat.BRACES) {
            StringBuilder sb = new StringBuilder(source.length() + 64);
            for (Object p : parts) {
                if (p instanceof Var(String name)) sb.append(values.get(name));
                else sb.append((String) p);
            }
            return sb.toString();
        }
        StringWriter out = new StringWriter();
        mustache.execute(out, values);
        return out.toString();
    }

    private static List<Object> parseBraces(String s, String origin) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '{' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int close = s.indexOf('}', i + 1);
                if (close < 0) throw new TemplateException("Unclosed '{' at position " + i + " of " + origin
                        + " (write '{{' for a literal brace)");
                String name = s.substring(i + 1, close).strip();
                if (!name.matches("[A-Za-z_][A-Za-z0-9_.-]*")) {
                    throw new TemplateException("Invalid variable name '{" + s.substring(i + 1, close) + "}' at position "
                            + i + " of " + origin + " (write '{{' and '}}' for literal braces)");
                }
                if (!literal.isEmpty()) {
                    parts.add(literal.toString());
                    literal.setLength(0);
                }
                parts.add(new Var(name));
                i = close + 1;
            } else if (c == '}') {
                throw new TemplateException("Single '}' at position " + i + " of " + origin + " (write '}}' for a literal brace)");
            } else {
                literal.append(c);
                i++;
            }
        }
        if (!literal.isEmpty()) parts.add(literal.toString());
        return List.copyOf(parts);
    }

    private static void collectMustacheNames(Code[] codes, Set<String> out) {
        if (codes == null) return;
        for (Code code : codes) {
            String name = code.getName();
            if (name != null && !name.isEmpty() && !name.equals(".") && (code instanceof ValueCode || code instanceof IterableCode)) {
                out.add(name.contains(".") ? name.substring(0, name.indexOf('.')) : name);
            }
        }
    }
}
