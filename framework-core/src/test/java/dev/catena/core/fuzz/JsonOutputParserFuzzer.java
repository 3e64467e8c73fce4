package dev.catena.core.fuzz;

import dev.catena.core.parser.JsonOutputParser;
import dev.catena.core.parser.OutputParserException;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunStream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzz target: model output (untrusted text) through the JSON parser, whole and streamed in
 * chunks cut at input-chosen places. Only {@link OutputParserException} may escape.
 */
public final class JsonOutputParserFuzzer {
    private JsonOutputParserFuzzer() {}

    /** Warms up (class loading and Jazzer's instrumentation) before the per-input timeout applies. */
    public static void fuzzerInitialize() {
        fuzzerTestOneInput("```json\n{\"a\": [1, 2.5, \"x\", null, true]}\n```".getBytes(StandardCharsets.UTF_8));
        fuzzerTestOneInput("{\"a\": [1, ".getBytes(StandardCharsets.UTF_8));
        fuzzerTestOneInput(new byte[0]);
    }

    public static void fuzzerTestOneInput(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        JsonOutputParser parser = JsonOutputParser.create();
        try {
            parser.parse(text);
        } catch (OutputParserException expected) {
            // documented: not JSON
        }
        List<Object> chunks = new ArrayList<>();
        int step = data.length == 0 ? 1 : 1 + (data[0] & 7);
        for (int i = 0; i < text.length(); i += step) chunks.add(text.substring(i, Math.min(text.length(), i + step)));
        try (RunStream<?> out = parser.transform(RunStream.of(chunks.toArray()), RunConfig.defaults())) {
            while (out.hasNext()) out.next();
        } catch (OutputParserException expected) {
            // documented: the complete text is not JSON
        }
    }
}
