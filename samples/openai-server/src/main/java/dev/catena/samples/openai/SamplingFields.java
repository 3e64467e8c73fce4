package dev.catena.samples.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Checks and reads the sampling parameters chat and legacy completions share. */
final class SamplingFields {

    private SamplingFields() {}

    static void validate(Double temperature, Double topP, Integer n, int maxChoices, Double presencePenalty, Double frequencyPenalty) {
        RequestBodies.atLeast("temperature", temperature, 0);
        RequestBodies.atMost("temperature", temperature, 2);
        RequestBodies.atLeast("top_p", topP, 0);
        RequestBodies.atMost("top_p", topP, 1);
        RequestBodies.atLeast("n", n, 1);
        RequestBodies.atMost("n", n, maxChoices);
        RequestBodies.atLeast("presence_penalty", presencePenalty, -2);
        RequestBodies.atMost("presence_penalty", presencePenalty, 2);
        RequestBodies.atLeast("frequency_penalty", frequencyPenalty, -2);
        RequestBodies.atMost("frequency_penalty", frequencyPenalty, 2);
    }

    /** Stop strings given as one string or a list of strings. */
    static List<String> stopStrings(JsonNode stop) {
        if (stop == null || stop.isNull()) return List.of();
        if (stop.isTextual()) return List.of(stop.asText());
        if (!stop.isArray()) throw OpenAiErrors.invalid("stop", "'stop' must be a string or a list of strings", "invalid_type");
        List<String> out = new ArrayList<>();
        for (JsonNode s : stop) {
            if (!s.isTextual()) throw OpenAiErrors.invalid("stop", "'stop' must be a string or a list of strings", "invalid_type");
            out.add(s.asText());
        }
        return out;
    }
}
