package dev.catena.core.parser;

import dev.catena.core.model.ConstrainedGeneration;
import dev.catena.core.model.OutputConstraint;
import dev.langchain4j.model.chat.ChatModel;

/**
 * A parser of JSON that follows a JSON Schema. A model that can constrain its decoding is asked for the schema
 * itself ({@link #constrain}), so its reply always parses; other models get {@link #formatInstructions()} and the
 * parser's validation.
 *
 * @param <T> what the JSON is parsed into
 */
public interface SchemaOutputParser<T> extends OutputParser<T> {

    /** The JSON Schema, as JSON text. */
    String jsonSchema();

    /** Asks for JSON valid against the schema, showing the schema. */
    @Override
    default String formatInstructions() {
        return "Answer with a JSON value that conforms to this JSON Schema, and nothing else:\n" + jsonSchema();
    }

    /** The schema as a decoding constraint. */
    default OutputConstraint constraint() {
        return OutputConstraint.jsonSchema(jsonSchema());
    }

    /**
     * The model to call for this parser: a view held to the schema when the model supports constraints
     * ({@link ConstrainedGeneration}), else the model itself, which then relies on {@link #formatInstructions()}
     * and this parser's validation (said once in the log).
     */
    default ChatModel constrain(ChatModel model) {
        return Constraining.constrain(model, constraint(), name());
    }
}
