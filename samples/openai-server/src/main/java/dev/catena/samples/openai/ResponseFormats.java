package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;

/** OpenAI's {@code response_format} as LangChain4j's {@link ResponseFormat}, which the local model enforces by constrained decoding. */
final class ResponseFormats {

    private ResponseFormats() {}

    /** {@code null} for none or {@code text}; JSON for {@code json_object}; JSON with the schema for {@code json_schema}. */
    static ResponseFormat from(JsonNode format) {
        if (format == null || format.isNull()) return null;
        String type = format.path("type").asText("");
        return switch (type) {
            case "text" -> null;
            case "json_object" -> ResponseFormat.JSON;
            case "json_schema" -> {
                JsonNode spec = format.path("json_schema");
                JsonNode schema = spec.get("schema");
                if (!spec.isObject() || !spec.path("name").isTextual()) {
                    throw OpenAiErrors.invalid("response_format.json_schema.name", "'response_format.json_schema' needs a 'name'", "invalid_value");
                }
                if (schema == null || !schema.isObject()) {
                    throw OpenAiErrors.invalid("response_format.json_schema.schema", "'response_format.json_schema.schema' must be a JSON Schema object", "invalid_value");
                }
                yield ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(JsonSchema.builder()
                        .name(spec.get("name").asText()).rootElement(JsonRawSchema.from(schema.toString())).build()).build();
            }
            default -> throw OpenAiErrors.invalid("response_format.type", "Invalid value for 'response_format.type': '" + type
                    + "' (supported: text, json_object, json_schema)", "invalid_value");
        };
    }
}
