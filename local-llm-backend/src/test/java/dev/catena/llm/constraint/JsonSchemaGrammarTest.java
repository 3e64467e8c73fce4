package dev.catena.llm.constraint;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.schema.JsonSchemaGrammar;
import dev.catena.llm.constraint.schema.UnsupportedSchemaException;
import org.junit.jupiter.api.Test;

import static dev.catena.llm.constraint.Automata.isPrefix;
import static dev.catena.llm.constraint.Automata.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonSchemaGrammarTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final String PERSON = """
            {"type": "object", "title": "Person",
             "properties": {
               "name": {"type": "string", "minLength": 1, "maxLength": 20},
               "age": {"type": "integer"},
               "email": {"type": ["string", "null"]},
               "role": {"enum": ["admin", "user"]},
               "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3},
               "score": {"type": "number"},
               "active": {"type": "boolean"},
               "code": {"type": "string", "pattern": "^[A-Z]{2}-[0-9]{3}$"},
               "address": {"$ref": "#/$defs/Address"}
             },
             "required": ["name", "age", "tags"],
             "$defs": {"Address": {"type": "object", "properties": {"city": {"type": "string"}},
                                   "required": ["city"], "additionalProperties": false}}}
            """;

    @Test
    void objectsWithRequiredAndOptionalPropertiesInOrder() {
        Grammar g = JsonSchemaGrammar.compile(PERSON);
        assertThat(matches(g, "{\"name\":\"Ann\",\"age\":42,\"tags\":[\"a\"]}")).isTrue();
        assertThat(matches(g, """
                {
                  "name": "Bo \\"B\\" \\u00e9",
                  "age": -7,
                  "email": null,
                  "role": "admin",
                  "tags": ["x", "y", "z"],
                  "score": 1.5e3,
                  "active": false,
                  "code": "AB-123",
                  "address": {"city": "Paris"}
                }""")).isTrue();
        assertThat(matches(g, "{\"name\":\"Ann\",\"tags\":[\"a\"]}")).as("age is required").isFalse();
        assertThat(matches(g, "{\"name\":\"\",\"age\":1,\"tags\":[\"a\"]}")).as("minLength").isFalse();
        assertThat(matches(g, "{\"name\":\"A\",\"age\":1,\"tags\":[]}")).as("minItems").isFalse();
        assertThat(matches(g, "{\"name\":\"A\",\"age\":1,\"tags\":[\"a\",\"b\",\"c\",\"d\"]}")).as("maxItems").isFalse();
        assertThat(matches(g, "{\"name\":\"A\",\"age\":1.5,\"tags\":[\"a\"]}")).as("integer").isFalse();
        assertThat(matches(g, "{\"name\":\"A\",\"age\":1,\"tags\":[\"a\"],\"role\":\"root\"}")).as("enum").isFalse();
        assertThat(matches(g, "{\"name\":\"A\",\"age\":1,\"tags\":[\"a\"],\"code\":\"A-123\"}")).as("pattern").isFalse();
        assertThat(matches(g, "{\"name\":\"A\",\"age\":1,\"tags\":[\"a\"],\"address\":{}}")).as("city").isFalse();
        assertThat(matches(g, "{\"name\":\"A\",\"age\":01,\"tags\":[\"a\"]}")).as("leading zero").isFalse();
        assertThat(matches(g, "{\"age\":1,\"name\":\"A\",\"tags\":[\"a\"]}")).as("declared order").isFalse();
        assertThat(isPrefix(g, "{\"name\":\"A\",\"age\":1,\"tags\":[\"a\"]")).isTrue();
    }

    @Test
    void anyOfOneOfConstRecursiveRefsAndMaps() {
        Grammar g = JsonSchemaGrammar.compile("""
                {"anyOf": [{"const": {"k": [1, true]}}, {"$ref": "#/definitions/tree"}],
                 "definitions": {"tree": {"type": "object", "properties": {
                    "value": {"oneOf": [{"type": "integer"}, {"type": "string", "format": "date"}]},
                    "children": {"type": "array", "items": {"$ref": "#/definitions/tree"}},
                    "labels": {"type": "object", "additionalProperties": {"type": "boolean"}}},
                    "required": ["value"]}}}
                """);
        assertThat(matches(g, "{\"k\":[1,true]}")).isTrue();
        assertThat(matches(g, "{\"value\":\"2024-02-29\",\"children\":[{\"value\":1,\"children\":[]}]}")).isTrue();
        assertThat(matches(g, "{\"value\":3,\"labels\":{\"a\":true,\"b\":false}}")).isTrue();
        assertThat(matches(g, "{\"value\":3,\"labels\":{\"a\":1}}")).isFalse();
        assertThat(matches(g, "{\"value\":\"2024-13-01\"}")).isFalse();
    }

    @Test
    void anyJsonObjectForJsonMode() throws Exception {
        Grammar g = JsonSchemaGrammar.anyObject();
        String doc = JSON.writeValueAsString(JSON.readTree("{\"a\":[1,2.5,{\"b\":null}],\"c\":\"\\u0001\",\"d\":true}"));
        assertThat(matches(g, doc)).isTrue();
        assertThat(matches(g, "[1]")).isFalse();
        assertThat(matches(g, "{\"a\":}")).isFalse();
    }

    @Test
    void unsupportedKeywordsAreRefusedWithKeywordAndPath() {
        assertThatThrownBy(() -> JsonSchemaGrammar.compile("""
                {"type": "object", "properties": {"age": {"type": "integer", "minimum": 0}}}"""))
                .isInstanceOf(UnsupportedSchemaException.class)
                .hasMessage("unsupported JSON Schema keyword 'minimum' at /properties/age")
                .satisfies(e -> {
                    assertThat(((UnsupportedSchemaException) e).keyword()).isEqualTo("minimum");
                    assertThat(((UnsupportedSchemaException) e).path()).isEqualTo("/properties/age");
                });
        assertThatThrownBy(() -> JsonSchemaGrammar.compile("{\"items\": [{\"type\": \"string\"}]}"))
                .hasMessageStartingWith("unsupported JSON Schema keyword 'items' at /");
        assertThatThrownBy(() -> JsonSchemaGrammar.compile("{\"type\": \"string\", \"format\": \"email\"}"))
                .hasMessageContaining("'format' at /").hasMessageContaining("email");
        assertThatThrownBy(() -> JsonSchemaGrammar.compile("{\"$ref\": \"http://x/y.json\"}"))
                .hasMessageStartingWith("unsupported JSON Schema keyword '$ref' at /");
        assertThatThrownBy(() -> JsonSchemaGrammar.compile("{\"anyOf\": [{\"type\": \"string\"}, {\"not\": {}}]}"))
                .hasMessage("unsupported JSON Schema keyword 'not' at /anyOf/1");
        assertThatThrownBy(() -> JsonSchemaGrammar.compile("{\"type\": \"object\", \"required\": [\"x\"]}"))
                .hasMessageContaining("'required'").hasMessageContaining("'x'");
        assertThatThrownBy(() -> JsonSchemaGrammar.compile("{\"type\": "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("JSON Schema is not valid JSON");
    }
}
