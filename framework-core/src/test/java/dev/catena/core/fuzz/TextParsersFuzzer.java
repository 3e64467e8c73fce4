package dev.catena.core.fuzz;

import dev.catena.core.parser.BooleanOutputParser;
import dev.catena.core.parser.EnumOutputParser;
import dev.catena.core.parser.ListOutputParser;
import dev.catena.core.parser.OutputParserException;
import dev.catena.core.parser.StructuredOutputParser;
import dev.catena.core.runnable.RunConfig;
import dev.catena.core.runnable.RunStream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzz target: model output (untrusted text) through the list (csv and lines), enum, boolean and
 * record parsers. List parsers never fail and their streamed result equals the whole-text result;
 * the others may only throw {@link OutputParserException}.
 */
public final class TextParsersFuzzer {
    private TextParsersFuzzer() {}

    enum Sentiment { POSITIVE, NEGATIVE, VERY_GOOD }

    record Item(String name, int count, List<String> tags) {}

    record Answer(String title, double score, boolean ok, Sentiment sentiment, List<Item> items,
                  Map<String, Integer> counts, Optional<String> note) {}

    private static final StructuredOutputParser<Answer> RECORD = StructuredOutputParser.of(Answer.class);
    private static final EnumOutputParser<Sentiment> ENUM = EnumOutputParser.of(Sentiment.class);

    /** Warms up (class loading and Jazzer's instrumentation) before the per-input timeout applies. */
    public static void fuzzerInitialize() {
        fuzzerTestOneInput("a, b\n- c".getBytes(StandardCharsets.UTF_8));
        fuzzerTestOneInput(("{\"title\":\"t\",\"score\":1,\"ok\":true,\"sentiment\":\"POSITIVE\",\"items\":[{\"name\":\"a\","
                + "\"count\":1,\"tags\":[]}],\"counts\":{},\"note\":null}").getBytes(StandardCharsets.UTF_8));
        fuzzerTestOneInput("{\"score\":\"x\"} yes".getBytes(StandardCharsets.UTF_8));
    }

    public static void fuzzerTestOneInput(byte[] data) {
        String text = new String(data, StandardCharsets.UTF_8);
        int step = data.length == 0 ? 1 : 1 + (data[0] & 7);
        for (ListOutputParser list : List.of(ListOutputParser.csv(), ListOutputParser.lines())) {
            List<String> whole = list.parse(text);
            for (String item : whole) {
                if (item.isEmpty() || !item.equals(item.strip())) throw new IllegalStateException("untrimmed item '" + item + "'");
            }
            List<String> last = null;
            try (RunStream<List<String>> out = list.transform(RunStream.of(chunks(text, step).toArray()), RunConfig.defaults())) {
                while (out.hasNext()) last = out.next();
            }
            if (!whole.equals(last == null ? List.of() : last)) {
                throw new IllegalStateException(list.name() + ": streamed " + last + " but whole text gave " + whole);
            }
        }
        try {
            ENUM.parse(text);
        } catch (OutputParserException expected) {
            // documented: not one of the constants
        }
        try {
            BooleanOutputParser.create().parse(text);
        } catch (OutputParserException expected) {
            // documented: not yes/no
        }
        try {
            RECORD.parse(text);
        } catch (OutputParserException expected) {
            // documented: not JSON, or JSON that does not fit the record
        }
    }

    private static List<Object> chunks(String text, int step) {
        List<Object> chunks = new ArrayList<>();
        for (int i = 0; i < text.length(); i += step) chunks.add(text.substring(i, Math.min(text.length(), i + step)));
        return chunks;
    }
}
