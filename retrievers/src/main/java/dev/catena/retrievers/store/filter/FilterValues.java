package dev.catena.retrievers.store.filter;

import dev.langchain4j.store.embedding.filter.Filter;
import java.util.UUID;

/** Checks on the values that appear in metadata filters, shared by the store translators. */
public final class FilterValues {

    private FilterValues() {}

    /** True for the numeric types LangChain4j metadata holds (int, long, float, double). */
    public static boolean isNumber(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof Float || value instanceof Double;
    }

    /** True for integral numbers (int, long). */
    public static boolean isIntegral(Object value) {
        return value instanceof Integer || value instanceof Long;
    }

    /** A string or UUID value as text; anything else is rejected with the store's name. */
    public static String text(String store, Filter filter, Object value) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof UUID u) {
            return u.toString();
        }
        throw new UnsupportedFilterException(store, filter, "value " + value + " of type "
                + (value == null ? "null" : value.getClass().getSimpleName()) + " is neither text nor a number");
    }

    /** Fails unless the value is a string, UUID or number. */
    public static void requireSupported(String store, Filter filter, Object value) {
        if (!isNumber(value)) {
            text(store, filter, value);
        }
    }
}
