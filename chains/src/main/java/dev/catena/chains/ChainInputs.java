package dev.catena.chains;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Reading chain inputs: required keys with clear errors, and the text of values and documents. */
public final class ChainInputs {
    private ChainInputs() {}

    /** The value of {@code key}; fails naming the key and the keys that were given. */
    public static Object required(Map<String, ?> input, String key, String chain) {
        if (input == null) throw new IllegalArgumentException(chain + " got no input; expected a map with key '" + key + "'");
        Object v = input.get(key);
        if (v == null) {
            throw new IllegalArgumentException(chain + " is missing input '" + key + "' (got: "
                    + (input.isEmpty() ? "none" : String.join(", ", new TreeSet<>(input.keySet()))) + ")");
        }
        return v;
    }

    /** The text of a chain value: a string, an AI message's text, or {@code toString()}. */
    public static String text(Object value) {
        return switch (value) {
            case null -> "";
            case CharSequence s -> s.toString();
            case AiMessage m -> m.text() == null ? "" : m.text();
            default -> value.toString();
        };
    }

    /** The text of each document: {@link Content}, {@link TextSegment}, {@link Document} or a string. */
    public static List<String> documents(Object value, String key) {
        if (!(value instanceof Collection<?> items)) {
            throw new IllegalArgumentException("input '" + key + "' must be a list of documents, got "
                    + (value == null ? "null" : value.getClass().getSimpleName()));
        }
        List<String> out = new ArrayList<>(items.size());
        int i = 0;
        for (Object item : items) {
            out.add(switch (item) {
                case Content c -> c.textSegment().text();
                case TextSegment s -> s.text();
                case Document d -> d.text();
                case CharSequence s -> s.toString();
                case null, default -> throw new IllegalArgumentException("input '" + key + "[" + i + "]' is not a document: "
                        + (item == null ? "null" : item.getClass().getSimpleName()));
            });
            i++;
        }
        return out;
    }
}
