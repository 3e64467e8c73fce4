package dev.catena.retrievers.milvus;

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
import java.util.Collection;
import java.util.StringJoiner;

/**
 * Translates LangChain4j's metadata {@link Filter} AST into a Milvus boolean expression over the
 * JSON field that {@link MilvusEmbeddingStore} keeps metadata in, e.g.
 * {@code (metadata["name"] == "a \"b\"") and (metadata["count"] > 3)}.
 *
 * <p>Keys and string values become double-quoted literals with {@code \} and {@code "} escaped
 * (and control characters as {@code \n}, {@code \t}, {@code \\uXXXX}), so no value can change the
 * expression's structure. {@code ContainsString} becomes {@code like "%text%"} (refused when the
 * text holds the wildcards {@code %} or {@code _}).
 *
 * <p>{@code Not} is pushed down to the comparisons (De Morgan; {@code not >} becomes {@code <=},
 * {@code not in} becomes {@code not in}) rather than written as {@code not (...)}: the server in
 * milvus-lite 2.5 rejects the unary {@code not} ("unsupported expr proto node") and {@code exists}.
 * Milvus' {@code !=} and {@code not in} accept entries that lack the key, as {@code Filter.test}
 * does; a negated range does not. Unknown filter types are {@link UnsupportedFilterException}s.
 */
public final class MilvusFilters {

    private static final String STORE = "Milvus";

    private MilvusFilters() {}

    /** The expression selecting what {@code filter} accepts over the JSON field {@code field}; {@code null} for no filter. */
    public static String toExpression(Filter filter, String field) {
        return filter == null ? null : translate(filter, field, false);
    }

    private static String translate(Filter filter, String field, boolean negated) {
        return switch (filter) {
            case IsEqualTo f -> compare(f, field, f.key(), negated ? "!=" : "==", f.comparisonValue());
            case IsNotEqualTo f -> compare(f, field, f.key(), negated ? "==" : "!=", f.comparisonValue());
            case IsGreaterThan f -> compare(f, field, f.key(), negated ? "<=" : ">", f.comparisonValue());
            case IsGreaterThanOrEqualTo f -> compare(f, field, f.key(), negated ? "<" : ">=", f.comparisonValue());
            case IsLessThan f -> compare(f, field, f.key(), negated ? ">=" : "<", f.comparisonValue());
            case IsLessThanOrEqualTo f -> compare(f, field, f.key(), negated ? ">" : "<=", f.comparisonValue());
            case IsIn f -> in(f, field, f.key(), negated ? "not in" : "in", f.comparisonValues());
            case IsNotIn f -> in(f, field, f.key(), negated ? "in" : "not in", f.comparisonValues());
            case ContainsString f -> contains(f, field, negated);
            case And f -> combine(negated ? "or" : "and", translate(f.left(), field, negated), translate(f.right(), field, negated));
            case Or f -> combine(negated ? "and" : "or", translate(f.left(), field, negated), translate(f.right(), field, negated));
            case Not f -> translate(f.expression(), field, !negated);
            default -> throw new UnsupportedFilterException(STORE, filter, "no Milvus expression is defined for it"
                    + " (supported: equality, ranges, in/not in, contains, and, or, not)");
        };
    }

    private static String combine(String operator, String left, String right) {
        return "(" + left + ") " + operator + " (" + right + ")";
    }

    private static String compare(Filter filter, String field, String key, String operator, Object value) {
        return access(field, key) + " " + operator + " " + literal(filter, value);
    }

    private static String in(Filter filter, String field, String key, String operator, Collection<?> values) {
        if (values.isEmpty()) {
            throw new UnsupportedFilterException(STORE, filter, "an empty value list");
        }
        StringJoiner list = new StringJoiner(", ", "[", "]");
        for (Object value : values) {
            list.add(literal(filter, value));
        }
        return access(field, key) + " " + operator + " " + list;
    }

    private static String contains(ContainsString filter, String field, boolean negated) {
        String text = filter.comparisonValue();
        if (negated) {
            throw new UnsupportedFilterException(STORE, filter, "a negated substring match (Milvus has no 'not like')");
        }
        if (text.indexOf('%') >= 0 || text.indexOf('_') >= 0) {
            throw new UnsupportedFilterException(STORE, filter, "'%' and '_' are wildcards in Milvus' like and cannot be escaped");
        }
        return access(field, filter.key()) + " like " + quote("%" + text + "%");
    }

    private static String access(String field, String key) {
        return field + "[" + quote(key) + "]";
    }

    private static String literal(Filter filter, Object value) {
        if (FilterValues.isIntegral(value)) {
            return Long.toString(((Number) value).longValue());
        }
        if (FilterValues.isNumber(value)) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new UnsupportedFilterException(STORE, filter, "value " + d + " is not a finite number");
            }
            return Double.toString(d);
        }
        return quote(FilterValues.text(STORE, filter, value));
    }

    /** A double-quoted Milvus string literal. */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\r' -> quoted.append("\\r");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20) {
                        quoted.append(String.format("\\u%04x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }
}
