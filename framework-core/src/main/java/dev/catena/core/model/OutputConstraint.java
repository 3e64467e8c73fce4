package dev.catena.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The format a model's reply must follow, for models that can constrain their decoding: a grammar in GBNF
 * (llama.cpp's EBNF notation, starting from {@code root}) whose rules may include JSON Schemas by name: each entry
 * of {@code jsonSchemas} defines the rule of its name as the JSON values valid for that schema.
 *
 * @param grammar     GBNF text with a {@code root} rule
 * @param jsonSchemas rule name to JSON Schema text, in order
 */
public record OutputConstraint(String grammar, Map<String, String> jsonSchemas) {

    public OutputConstraint {
        Objects.requireNonNull(grammar, "grammar");
        jsonSchemas = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(jsonSchemas, "jsonSchemas")));
    }

    /** A GBNF grammar alone. */
    public static OutputConstraint gbnf(String grammar) {
        return new OutputConstraint(grammar, Map.of());
    }

    /** JSON valid for one schema. */
    public static OutputConstraint jsonSchema(String schema) {
        return new OutputConstraint("root ::= value", Map.of("value", schema));
    }

    /** This constraint with one more rule defined by a JSON Schema. */
    public OutputConstraint withJsonSchema(String rule, String schema) {
        Map<String, String> all = new LinkedHashMap<>(jsonSchemas);
        all.put(rule, schema);
        return new OutputConstraint(grammar, all);
    }
}
