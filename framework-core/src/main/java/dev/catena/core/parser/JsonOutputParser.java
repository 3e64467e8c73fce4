package dev.catena.core.parser;

import com.fasterxml.jackson.databind.JsonNode;
import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;

import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Parses JSON (inside a Markdown code fence or bare) into a Jackson {@link JsonNode}. When streamed,
 * it emits a snapshot of the partial document each time a chunk changes what has been parsed so
 * far, and the complete document last.
 */
public final class JsonOutputParser implements OutputParser<JsonNode> {

    private static final JsonOutputParser INSTANCE = new JsonOutputParser();

    private JsonOutputParser() {}

    public static JsonOutputParser create() {
        return INSTANCE;
    }

    @Override
    public JsonNode parse(String text) {
        return JsonText.parse(text);
    }

    @Override
    public String formatInstructions() {
        return "Answer with a single JSON value and nothing else.";
    }

    @Override
    public RunStream<JsonNode> doTransform(RunStream<Object> input, RunContext run) {
        return new PartialJsonStream(input);
    }

    @Override
    public String name() {
        return "JsonOutputParser";
    }

    /** Pulls text chunks and yields each new partial snapshot, then the strictly parsed whole. */
    private static final class PartialJsonStream implements RunStream<JsonNode> {
        private final RunStream<Object> input;
        private final StringBuilder text = new StringBuilder();
        private JsonNode last;
        private JsonNode pending;
        private boolean done;

        PartialJsonStream(RunStream<Object> input) {
            this.input = input;
        }

        @Override
        public boolean hasNext() {
            while (pending == null && !done) {
                if (input.hasNext()) {
                    text.append(OutputParser.textOf(input.next()));
                    Optional<JsonNode> partial = JsonText.parsePartial(text.toString());
                    if (partial.isPresent() && !partial.get().equals(last)) pending = partial.get();
                } else {
                    done = true;
                    JsonNode whole = JsonText.parse(text.toString());
                    if (!whole.equals(last)) pending = whole;
                }
                if (pending != null) last = pending;
            }
            return pending != null;
        }

        @Override
        public JsonNode next() {
            if (!hasNext()) throw new NoSuchElementException();
            JsonNode out = pending;
            pending = null;
            return out;
        }

        @Override
        public void close() {
            done = true;
            pending = null;
            input.close();
        }
    }
}
