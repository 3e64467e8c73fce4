package dev.catena.core.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.util.List;
import java.util.Objects;

/**
 * Parses JSON output and validates it against a JSON Schema given as text (draft 2020-12 unless it says), returning
 * the JSON; output that does not validate is a parse failure naming the first violation. {@link #constrain} asks a
 * model that can constrain its decoding for the schema, so the reply always validates; other models get
 * {@link #formatInstructions()}.
 */
public final class JsonSchemaOutputParser implements SchemaOutputParser<JsonNode> {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    private final String schemaJson;
    private final Schema schema;

    private JsonSchemaOutputParser(String schemaJson) {
        JsonNode node;
        try {
            node = JsonText.MAPPER.readTree(Objects.requireNonNull(schemaJson, "schema"));
        } catch (Exception e) {
            throw new IllegalArgumentException("the JSON Schema is not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException("the JSON Schema must be a JSON object");
        List<Error> problems = REGISTRY.getSchema(SchemaLocation.of(SpecificationVersion.DRAFT_2020_12.getDialectId())).validate(node);
        if (!problems.isEmpty()) throw new IllegalArgumentException("invalid JSON Schema: " + problems.getFirst());
        this.schemaJson = node.toString();
        this.schema = REGISTRY.getSchema(schemaJson, InputFormat.JSON);
    }

    /**
     * A parser for JSON valid against {@code schema}.
     *
     * @throws IllegalArgumentException when {@code schema} is not a valid JSON Schema, saying why
     */
    public static JsonSchemaOutputParser of(String schema) {
        return new JsonSchemaOutputParser(schema);
    }

    /** The schema, as compact JSON text. */
    @Override
    public String jsonSchema() {
        return schemaJson;
    }

    @Override
    public JsonNode parse(String text) {
        JsonNode node = JsonText.parse(text);
        List<Error> errors = schema.validate(node);
        if (!errors.isEmpty()) throw new OutputParserException("the JSON does not match the schema: " + errors.getFirst(), text, null);
        return node;
    }

    @Override
    public String name() {
        return "JsonSchemaOutputParser";
    }
}
