package dev.catena.core.parser;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JSON helpers for parsers: strip Markdown code fences, parse complete JSON, and repair partial JSON. */
final class JsonText {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, true);

    private static final Pattern FENCED = Pattern.compile("```[a-zA-Z0-9_-]*\\s*\\n?(.*?)(?:```|$)", Pattern.DOTALL);

    private JsonText() {}

    /** The JSON part of a model answer: the inside of a ``` fence if there is one, else from the first { or [. */
    static String extract(String text) {
        Matcher m = FENCED.matcher(text);
        String body = m.find() ? m.group(1) : text;
        int start = firstJsonStart(body);
        return start < 0 ? body.strip() : body.substring(start).strip();
    }

    /** Parses complete JSON or throws {@link OutputParserException} naming the problem. */
    static JsonNode parse(String text) {
        String json = extract(text);
        if (json.isEmpty()) throw new OutputParserException("expected JSON but the output has none", text);
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new OutputParserException("invalid JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr(), text, e);
        }
    }

    /**
     * The value that a prefix of a JSON document stands for so far: open strings, arrays and objects
     * are closed, and an unfinished trailing token (half a literal, a key without value) is dropped.
     * Empty when nothing usable has arrived yet.
     */
    static Optional<JsonNode> parsePartial(String text) {
        String json = extract(text);
        if (json.isEmpty() || (json.charAt(0) != '{' && json.charAt(0) != '[')) return Optional.empty();
        for (int end = json.length(); end > 0; end--) {
            String candidate = closeOpenStructures(json.substring(0, end));
            if (candidate == null) continue;
            try {
                return Optional.of(MAPPER.readTree(candidate));
            } catch (JsonProcessingException e) {
                // drop one more character of the unfinished tail and retry
            }
        }
        return Optional.empty();
    }

    private static String closeOpenStructures(String prefix) {
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        boolean escaped = false;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (inString) {
                if (escaped) escaped = false;
                else if (c == '\\') escaped = true;
                else if (c == '"') inString = false;
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '{' -> open.push('}');
                case '[' -> open.push(']');
                case '}', ']' -> {
                    if (open.isEmpty() || open.pop() != c) return null;
                }
                default -> { }
            }
        }
        if (escaped) return null;
        StringBuilder sb = new StringBuilder(prefix);
        if (inString) sb.append('"');
        while (!open.isEmpty()) sb.append(open.pop());
        return sb.toString();
    }

    private static int firstJsonStart(String s) {
        int brace = s.indexOf('{');
        int bracket = s.indexOf('[');
        if (brace < 0) return bracket;
        if (bracket < 0) return brace;
        return Math.min(brace, bracket);
    }
}
