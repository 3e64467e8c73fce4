package dev.catena.retrievers.pgvector;

import dev.catena.retrievers.store.filter.FilterValues;
import dev.catena.retrievers.store.filter.UnsupportedFilterException;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
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
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.StringJoiner;

/**
 * Translates LangChain4j's metadata {@link Filter} AST into a SQL condition over the {@code jsonb}
 * column {@link PgVectorEmbeddingStore} keeps metadata in. Keys and values are always bind
 * parameters, never spliced into the SQL, so no value can change the statement.
 *
 * <p>Equality is JSON containment ({@code metadata @> {"key": value}}, served by the GIN index);
 * ranges compare numbers as JSON numbers and strings byte-wise ({@code COLLATE "C"}, as Java's
 * {@code compareTo} does), each only when the stored value has that JSON type. Every comparison is
 * {@code coalesce(..., false)}, so {@code NOT} is plain boolean negation and an entry without the
 * key matches {@code !=}, {@code not in} and negations, as {@link Filter#test} does.
 */
final class PgVectorFilters {

    private static final String STORE = "PgVector";

    /** A condition with its bind parameters in order. */
    record Sql(String condition, List<Object> parameters) {}

    private PgVectorFilters() {}

    /** The condition selecting what {@code filter} accepts over column {@code column}; {@code null} for no filter. */
    static Sql toSql(Filter filter, String column) {
        if (filter == null) {
            return null;
        }
        List<Object> parameters = new ArrayList<>();
        String condition = translate(filter, column, parameters);
        return new Sql(condition, List.copyOf(parameters));
    }

    private static String translate(Filter filter, String column, List<Object> p) {
        return switch (filter) {
            case IsEqualTo f -> equal(f, column, f.key(), f.comparisonValue(), p);
            case IsNotEqualTo f -> "NOT " + equal(f, column, f.key(), f.comparisonValue(), p);
            case IsGreaterThan f -> range(f, column, f.key(), ">", f.comparisonValue(), p);
            case IsGreaterThanOrEqualTo f -> range(f, column, f.key(), ">=", f.comparisonValue(), p);
            case IsLessThan f -> range(f, column, f.key(), "<", f.comparisonValue(), p);
            case IsLessThanOrEqualTo f -> range(f, column, f.key(), "<=", f.comparisonValue(), p);
            case IsIn f -> in(f, column, f.key(), f.comparisonValues(), p);
            case IsNotIn f -> "NOT " + in(f, column, f.key(), f.comparisonValues(), p);
            case ContainsString f -> {
                p.add(f.key());
                p.add(f.key());
                p.add(f.comparisonValue());
                yield "coalesce(jsonb_typeof(" + column + " -> ?) = 'string' AND strpos(" + column + " ->> ?, ?) > 0, false)";
            }
            case And f -> "(" + translate(f.left(), column, p) + " AND " + translate(f.right(), column, p) + ")";
            case Or f -> "(" + translate(f.left(), column, p) + " OR " + translate(f.right(), column, p) + ")";
            case Not f -> "NOT (" + translate(f.expression(), column, p) + ")";
            default -> throw new UnsupportedFilterException(STORE, filter, "no SQL condition is defined for it"
                    + " (supported: equality, ranges, in/not in, contains, and, or, not)");
        };
    }

    private static String equal(Filter filter, String column, String key, Object value, List<Object> p) {
        p.add(key);
        if (FilterValues.isNumber(value)) {
            p.add(number(filter, value));
            return "(" + column + " @> jsonb_build_object(?::text, ?::numeric))";
        }
        p.add(FilterValues.text(STORE, filter, value));
        return "(" + column + " @> jsonb_build_object(?::text, ?::text))";
    }

    private static String in(Filter filter, String column, String key, Collection<?> values, List<Object> p) {
        if (values.isEmpty()) {
            throw new UnsupportedFilterException(STORE, filter, "an empty value list");
        }
        StringJoiner any = new StringJoiner(" OR ", "(", ")");
        for (Object value : values) {
            any.add(equal(filter, column, key, value, p));
        }
        return any.toString();
    }

    private static String range(Filter filter, String column, String key, String operator, Object value, List<Object> p) {
        p.add(key);
        p.add(key);
        if (FilterValues.isNumber(value)) {
            p.add(number(filter, value));
            return "coalesce(jsonb_typeof(" + column + " -> ?) = 'number' AND (" + column + " -> ?) " + operator
                    + " to_jsonb(?::numeric), false)";
        }
        p.add(FilterValues.text(STORE, filter, value));
        return "coalesce(jsonb_typeof(" + column + " -> ?) = 'string' AND (" + column + " ->> ?) COLLATE \"C\" " + operator
                + " ?::text COLLATE \"C\", false)";
    }

    private static BigDecimal number(Filter filter, Object value) {
        if (FilterValues.isIntegral(value)) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        double d = ((Number) value).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new UnsupportedFilterException(STORE, filter, "value " + d + " is not a finite number");
        }
        return value instanceof Float f ? new BigDecimal(Float.toString(f)) : BigDecimal.valueOf(d);
    }
}
