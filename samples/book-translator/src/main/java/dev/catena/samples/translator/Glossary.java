package dev.catena.samples.translator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names and terms that must be translated one fixed way, read from JSON:
 * {@code {"source": "en", "target": "zh", "terms": {"Mara Venn": "玛拉·文"}}}.
 *
 * @param source source language code
 * @param target target language code
 * @param terms  source term to required target term
 */
public record Glossary(String source, String target, Map<String, String> terms) {

    public Glossary {
        terms = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(terms));
    }

    /** Reads a glossary file; errors name the file and the field. */
    public static Glossary read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read glossary " + file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.path("terms").isObject()) {
            throw new IllegalArgumentException("Glossary " + file + ": 'terms' must be an object of source term -> target term");
        }
        Map<String, String> terms = new LinkedHashMap<>();
        root.path("terms").properties().forEach(e -> {
            if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
                throw new IllegalArgumentException("Glossary " + file + ": terms." + e.getKey() + " must be a non-empty string");
            }
            terms.put(e.getKey(), e.getValue().asText());
        });
        return new Glossary(root.path("source").asText("en"), root.path("target").asText("zh"), terms);
    }

    /** The terms that occur in {@code sourceText}. */
    public Map<String, String> termsIn(String sourceText) {
        Map<String, String> out = new LinkedHashMap<>();
        String lower = sourceText.toLowerCase(Locale.ROOT);
        terms.forEach((s, t) -> {
            if (lower.contains(s.toLowerCase(Locale.ROOT))) out.put(s, t);
        });
        return out;
    }

    /** Terms of {@code sourceText} whose required translation is missing from {@code translation}. */
    public List<String> violations(String sourceText, String translation) {
        List<String> missing = new ArrayList<>();
        termsIn(sourceText).forEach((s, t) -> {
            if (!translation.contains(t)) missing.add(s);
        });
        return missing;
    }
}
