package dev.catena.chains.yaml;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link Document} back as YAML in the format {@link CatenaLoader} reads, so that
 * reading what was written gives an equal document. Values that came from {@code ${env:}} or
 * {@code ${file:}} placeholders are written as the placeholder, never as the resolved value.
 */
public final class DefinitionWriter {

    private static final YAMLMapper YAML = new YAMLMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE)
            .build());

    private DefinitionWriter() {}

    /** The file's own document, with placeholders as the file wrote them. */
    public static String write(Definition definition) {
        Map<String, Map<String, String>> raw = new LinkedHashMap<>();
        for (Declared d : definition.declared().values()) {
            if (d.file().equals(definition.file())) raw.put(d.definition().name(), d.raw());
        }
        return write(definition.document(), raw);
    }

    /** A document built in code (strings containing {@code ${} are escaped). */
    public static String write(Document document) {
        return write(document, Map.of());
    }

    private static String write(Document document, Map<String, Map<String, String>> raw) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("apiVersion", Document.API_VERSION);
        root.put("kind", document.kind());
        if (!document.includes().isEmpty()) {
            ArrayNode inc = root.putArray("include");
            document.includes().forEach(inc::add);
        }
        if (document.kind().equals("Bundle")) {
            for (ComponentDefinition c : document.components()) {
                ArrayNode section = root.has(ComponentRegistry.section(c.kind()))
                        ? (ArrayNode) root.get(ComponentRegistry.section(c.kind()))
                        : root.putArray(ComponentRegistry.section(c.kind()));
                ObjectNode item = section.addObject();
                fill(item, c, raw.getOrDefault(c.name(), Map.of()));
            }
        } else {
            fill(root, document.components().getFirst(), raw.getOrDefault(document.components().getFirst().name(), Map.of()));
        }
        try {
            return YAML.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write definition: " + e.getMessage(), e);
        }
    }

    private static void fill(ObjectNode target, ComponentDefinition c, Map<String, String> raw) {
        target.put("name", c.name());
        target.put("type", c.type());
        JsonNode spec = SpecBinder.MAPPER.valueToTree(c.spec());
        escape(spec);
        raw.forEach((path, original) -> restore(spec, path, original));
        spec.properties().forEach(e -> target.set(e.getKey(), e.getValue()));
    }

    /** Escapes {@code ${} in every string so that it reads back literally. */
    private static void escape(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (var e : o.properties()) {
                if (e.getValue().isTextual()) e.setValue(TextNode.valueOf(Placeholders.escape(e.getValue().textValue())));
                else escape(e.getValue());
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) a.set(i, TextNode.valueOf(Placeholders.escape(a.get(i).textValue())));
                else escape(a.get(i));
            }
        }
    }

    /** Puts the original placeholder string back at {@code path} (e.g. {@code prompt.messages[0].text}). */
    private static void restore(JsonNode root, String path, String original) {
        JsonNode parent = root;
        String last = null;
        int lastIndex = -1;
        for (String part : path.split("\\.")) {
            String name = part;
            int bracket = part.indexOf('[');
            if (bracket >= 0) name = part.substring(0, bracket);
            if (!name.isEmpty()) {
                if (last != null || lastIndex >= 0) parent = step(parent, last, lastIndex);
                last = name;
                lastIndex = -1;
            }
            if (bracket >= 0) {
                for (String idx : part.substring(bracket + 1).split("\\[")) {
                    parent = step(parent, last, lastIndex);
                    last = null;
                    lastIndex = Integer.parseInt(idx.replace("]", ""));
                }
            }
            if (parent == null) return;
        }
        if (last != null && parent instanceof ObjectNode o && o.has(last)) o.set(last, TextNode.valueOf(original));
        else if (lastIndex >= 0 && parent instanceof ArrayNode a && lastIndex < a.size()) a.set(lastIndex, TextNode.valueOf(original));
    }

    private static JsonNode step(JsonNode node, String field, int index) {
        if (node == null) return null;
        if (field != null) return node.get(field);
        if (index >= 0) return node.get(index);
        return node;
    }
}
