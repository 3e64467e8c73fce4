package dev.catena.retrievers.chroma;

import dev.catena.retrievers.store.filter.FilterValues;
import dev.catena.retrievers.store.filter.UnsupportedFilterException;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Translates LangChain4j's metadata {@link Filter} AST into a Chroma {@code where} clause.
 *
 * <p>Comparisons map to {@code $eq, $ne, $gt, $gte, $lt, $lte, $in, $nin}; {@code And}/{@code Or}
 * to {@code $and}/{@code $or}. Chroma has no {@code $not}, so {@code Not} is pushed down to the
 * leaves (De Morgan; {@code not >} becomes {@code <=}, {@code not in} becomes {@code $nin}).
 * Chroma's {@code $ne}/{@code $nin} match records without the key, as {@code Filter.test} does; a
 * negated range does not (Chroma compares only records that have the key).
 *
 * <p>Chroma compares only numbers by order, so ranges over strings and {@code ContainsString} are
 * {@link UnsupportedFilterException}s, as is any other filter type.
 */
public final class ChromaWhere {

    private static final String STORE = "Chroma";

    private ChromaWhere() {}

    /** The {@code where} clause selecting what {@code filter} accepts, or {@code null} for no filter. */
    public static Map<String, Object> of(Filter filter) {
        return filter == null ? null : translate(filter, false);
    }

    private static Map<String, Object> translate(Filter filter, boolean negated) {
        return switch (filter) {
            case IsEqualTo f -> compare(f, f.key(), negated ? "$ne" : "$eq", value(f, f.comparisonValue()));
            case IsNotEqualTo f -> compare(f, f.key(), negated ? "$eq" : "$ne", value(f, f.comparisonValue()));
            case IsGreaterThan f -> compare(f, f.key(), negated ? "$lte" : "$gt", number(f, f.comparisonValue()));
            case IsGreaterThanOrEqualTo f -> compare(f, f.key(), negated ? "$lt" : "$gte", number(f, f.comparisonValue()));
            case IsLessThan f -> compare(f, f.key(), negated ? "$gte" : "$lt", number(f, f.comparisonValue()));
            case IsLessThanOrEqualTo f -> compare(f, f.key(), negated ? "$gt" : "$lte", number(f, f.comparisonValue()));
            case IsIn f -> compare(f, f.key(), negated ? "$nin" : "$in", values(f, f.comparisonValues()));
            case IsNotIn f -> compare(f, f.key(), negated ? "$in" : "$nin", values(f, f.comparisonValues()));
            case And f -> combine(negated ? "$or" : "$and", translate(f.left(), negated), translate(f.right(), negated));
            case Or f -> combine(negated ? "$and" : "$or", translate(f.left(), negated), translate(f.right(), negated));
            case Not f -> translate(f.expression(), !negated);
            default -> throw new UnsupportedFilterException(STORE, filter, "Chroma's where clause has no such operator"
                    + " (it supports equality, numeric ranges, in/not in, and, or, not)");
        };
    }

    private static Map<String, Object> compare(Filter filter, String key, String operator, Object value) {
        if (key == null || key.isEmpty() || key.startsWith("$")) {
            throw new UnsupportedFilterException(STORE, filter, "metadata key '" + key + "' is empty or starts with '$'");
        }
        return Map.of(key, Map.of(operator, value));
    }

    private static Map<String, Object> combine(String operator, Map<String, Object> left, Map<String, Object> right) {
        List<Object> operands = new ArrayList<>();
        for (Map<String, Object> side : List.of(left, right)) {
            if (side.size() == 1 && side.get(operator) instanceof List<?> nested) {
                operands.addAll(nested);
            } else {
                operands.add(side);
            }
        }
        return Map.of(operator, operands);
    }

    private static Object value(Filter filter, Object value) {
        if (FilterValues.isIntegral(value)) {
            return ((Number) value).longValue();
        }
        if (FilterValues.isNumber(value)) {
            return ((Number) value).doubleValue();
        }
        return FilterValues.text(STORE, filter, value);
    }

    private static Object number(Filter filter, Object value) {
        if (!FilterValues.isNumber(value)) {
            throw new UnsupportedFilterException(STORE, filter, "Chroma orders only numbers, not "
                    + (value == null ? "null" : value.getClass().getSimpleName()) + " values");
        }
        return value(filter, value);
    }

    private static List<Object> values(Filter filter, Collection<?> values) {
        if (values.isEmpty()) {
            throw new UnsupportedFilterException(STORE, filter, "an empty value list");
        }
        List<Object> converted = new ArrayList<>(values.size());
        for (Object v : values) {
            converted.add(value(filter, v));
        }
        return converted;
    }
}
