package dev.catena.agents.mcp;

import dev.langchain4j.model.chat.request.json.JsonAnyOfSchema;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonReferenceSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ToolSchemasTest {

    @Test
    void convertsPropertiesRequiredEnumsArraysAndUnions() {
        JsonObjectSchema schema = ToolSchemas.parameters(Map.of(
                "type", "object",
                "properties", Map.of(
                        "path", Map.of("type", "string", "description", "Where"),
                        "count", Map.of("type", "integer"),
                        "mode", Map.of("type", "string", "enum", List.of("fast", "slow")),
                        "tags", Map.of("type", "array", "items", Map.of("type", "string")),
                        "limit", Map.of("type", List.of("integer", "null")),
                        "extra", Map.of("minLength", 2)),
                "required", List.of("path"),
                "additionalProperties", false));
        assertThat(schema.required()).containsExactly("path");
        assertThat(schema.additionalProperties()).isFalse();
        assertThat(schema.properties().get("path")).isInstanceOfSatisfying(JsonStringSchema.class, s -> assertThat(s.description()).isEqualTo("Where"));
        assertThat(schema.properties().get("count")).isInstanceOf(JsonIntegerSchema.class);
        assertThat(schema.properties().get("mode")).isInstanceOfSatisfying(JsonEnumSchema.class, e -> assertThat(e.enumValues()).containsExactly("fast", "slow"));
        assertThat(schema.properties().get("tags")).isInstanceOfSatisfying(JsonArraySchema.class, a -> assertThat(a.items()).isInstanceOf(JsonStringSchema.class));
        assertThat(schema.properties().get("limit")).isInstanceOfSatisfying(JsonAnyOfSchema.class, u -> assertThat(u.anyOf()).hasSize(2));
        assertThat(schema.properties().get("extra")).isInstanceOfSatisfying(JsonRawSchema.class, r -> assertThat(r.schema()).isEqualTo("{\"minLength\":2}"));
    }

    @Test
    void keepsDefinitionsAndReferences() {
        JsonObjectSchema schema = ToolSchemas.parameters(Map.of(
                "type", "object",
                "properties", Map.of("where", Map.of("$ref", "#/$defs/place")),
                "$defs", Map.of("place", Map.of("type", "object", "properties", Map.of("city", Map.of("type", "string"))))));
        assertThat(schema.properties().get("where")).isInstanceOfSatisfying(JsonReferenceSchema.class, r -> assertThat(r.reference()).isEqualTo("place"));
        assertThat(schema.definitions()).containsKey("place");
    }

    @Test
    void noSchemaMeansNoArguments() {
        assertThat(ToolSchemas.parameters(null).properties()).isEmpty();
        assertThat(ToolSchemas.parameters(Map.of("type", "object")).properties()).isEmpty();
    }

    @Test
    void refusesSchemasThatAreNotValidJsonSchemaForArguments() {
        assertThatThrownBy(() -> ToolSchemas.parameters(Map.of("type", "string")))
                .isInstanceOf(InvalidToolSchemaException.class).hasMessage("the input schema's type must be \"object\", was \"string\"");
        assertThatThrownBy(() -> ToolSchemas.parameters(Map.of("type", "object", "properties", List.of("a"))))
                .hasMessage("expected a schema object at inputSchema.properties, found a list");
        assertThatThrownBy(() -> ToolSchemas.parameters(Map.of("type", "object", "required", "a")))
                .hasMessage("\"required\" must be a list of property names at inputSchema, was \"a\"");
        assertThatThrownBy(() -> ToolSchemas.parameters(Map.of("type", "object", "properties", Map.of("a", Map.of("type", 7)))))
                .hasMessage("\"type\" must be a name or a list of names at inputSchema.properties.a, was 7");
    }

    @Test
    void refusesSchemasNestedWithoutEnd() {
        Map<String, Object> deep = Map.of("type", "string");
        for (int i = 0; i < 40; i++) deep = Map.of("type", "array", "items", deep);
        Map<String, Object> tooDeep = deep;
        assertThatThrownBy(() -> ToolSchemas.parameters(Map.of("type", "object", "properties", Map.of("x", tooDeep))))
                .isInstanceOf(InvalidToolSchemaException.class).hasMessageContaining("nests deeper than 32 levels");
    }
}
