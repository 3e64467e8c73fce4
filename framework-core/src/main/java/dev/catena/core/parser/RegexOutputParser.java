package dev.catena.core.parser;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts named groups of a regular expression from the output: {@code (?<answer>.*)} gives the
 * entry {@code answer}. The first match anywhere in the text counts; no match is a parse failure.
 * A group that did not take part in the match maps to an empty string.
 */
public final class RegexOutputParser implements OutputParser<Map<String, String>> {

    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final Pattern pattern;
    private final List<String> groups;

    private RegexOutputParser(Pattern pattern) {
        this.pattern = Objects.requireNonNull(pattern, "pattern");
        this.groups = GROUP_NAME.matcher(pattern.pattern()).results().map(r -> r.group(1)).toList();
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("The regex " + pattern.pattern() + " has no named group (?<name>...) to extract");
        }
    }

    public static RegexOutputParser of(String regex) {
        return new RegexOutputParser(Pattern.compile(regex, Pattern.DOTALL));
    }

    public static RegexOutputParser of(Pattern pattern) {
        return new RegexOutputParser(pattern);
    }

    @Override
    public Map<String, String> parse(String text) {
        Matcher m = pattern.matcher(text);
        if (!m.find()) throw new OutputParserException("the output does not match the pattern " + pattern.pattern(), text);
        Map<String, String> out = new LinkedHashMap<>();
        for (String g : groups) out.put(g, m.group(g) == null ? "" : m.group(g));
        return out;
    }

    @Override
    public String name() {
        return "RegexOutputParser";
    }
}
