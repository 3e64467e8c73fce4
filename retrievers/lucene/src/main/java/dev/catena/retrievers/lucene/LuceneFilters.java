package dev.catena.retrievers.lucene;

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
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Translates LangChain4j's metadata {@link Filter} AST into a Lucene {@link Query} over the fields
 * {@link LuceneEmbeddingStore} indexes: text values (strings, UUIDs) as exact terms in
 * {@code m.<key>}, numbers as double points in {@code n.<key>}.
 *
 * <p>Negations ({@code IsNotEqualTo}, {@code IsNotIn}, {@code Not}) match entries that lack the key,
 * as LangChain4j's in-memory {@code Filter.test} does.
 */
public final class LuceneFilters {

    static final String TEXT_PREFIX = "m.";
    static final String NUMBER_PREFIX = "n.";
    private static final String STORE = "Lucene";

    private LuceneFilters() {}

    /** The Lucene query selecting exactly the entries {@code filter} accepts. */
    public static Query toQuery(Filter filter) {
        return switch (filter) {
            case IsEqualTo f -> equalTo(f, f.key(), f.comparisonValue());
            case IsNotEqualTo f -> not(equalTo(f, f.key(), f.comparisonValue()));
            case IsGreaterThan f -> range(f, f.key(), f.comparisonValue(), null, false, false);
            case IsGreaterThanOrEqualTo f -> range(f, f.key(), f.comparisonValue(), null, true, false);
            case IsLessThan f -> range(f, f.key(), null, f.comparisonValue(), false, false);
            case IsLessThanOrEqualTo f -> range(f, f.key(), null, f.comparisonValue(), false, true);
            case IsIn f -> in(f, f.key(), f.comparisonValues());
            case IsNotIn f -> not(in(f, f.key(), f.comparisonValues()));
            case ContainsString f -> new WildcardQuery(new Term(TEXT_PREFIX + f.key(), "*" + escapeWildcard(f.comparisonValue()) + "*"));
            case And f -> new BooleanQuery.Builder()
                    .add(toQuery(f.left()), Occur.FILTER)
                    .add(toQuery(f.right()), Occur.FILTER)
                    .build();
            case Or f -> new BooleanQuery.Builder()
                    .add(toQuery(f.left()), Occur.SHOULD)
                    .add(toQuery(f.right()), Occur.SHOULD)
                    .setMinimumNumberShouldMatch(1)
                    .build();
            case Not f -> not(toQuery(f.expression()));
            default -> throw new UnsupportedFilterException(STORE, filter, "unknown filter type " + filter.getClass().getName());
        };
    }

    private static Query equalTo(Filter filter, String key, Object value) {
        if (FilterValues.isNumber(value)) {
            return DoublePoint.newExactQuery(NUMBER_PREFIX + key, ((Number) value).doubleValue());
        }
        return new TermQuery(new Term(TEXT_PREFIX + key, FilterValues.text(STORE, filter, value)));
    }

    private static Query range(Filter filter, String key, Object lower, Object upper, boolean includeLower, boolean includeUpper) {
        Object bound = lower != null ? lower : upper;
        if (FilterValues.isNumber(bound)) {
            double low = lower == null ? Double.NEGATIVE_INFINITY : ((Number) lower).doubleValue();
            double high = upper == null ? Double.POSITIVE_INFINITY : ((Number) upper).doubleValue();
            if (lower != null && !includeLower) {
                low = Math.nextUp(low);
            }
            if (upper != null && !includeUpper) {
                high = Math.nextDown(high);
            }
            return DoublePoint.newRangeQuery(NUMBER_PREFIX + key, low, high);
        }
        String text = FilterValues.text(STORE, filter, bound);
        return lower != null
                ? TermRangeQuery.newStringRange(TEXT_PREFIX + key, text, null, includeLower, false)
                : TermRangeQuery.newStringRange(TEXT_PREFIX + key, null, text, false, includeUpper);
    }

    private static Query in(Filter filter, String key, Collection<?> values) {
        List<BytesRef> texts = new ArrayList<>();
        List<Double> numbers = new ArrayList<>();
        for (Object value : values) {
            if (FilterValues.isNumber(value)) {
                numbers.add(((Number) value).doubleValue());
            } else {
                texts.add(new BytesRef(FilterValues.text(STORE, filter, value)));
            }
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
        if (!texts.isEmpty()) {
            any.add(new TermInSetQuery(TEXT_PREFIX + key, texts), Occur.SHOULD);
        }
        if (!numbers.isEmpty()) {
            any.add(DoublePoint.newSetQuery(NUMBER_PREFIX + key, numbers.stream().mapToDouble(Double::doubleValue).toArray()), Occur.SHOULD);
        }
        return texts.isEmpty() && numbers.isEmpty() ? new MatchNoDocsQuery("empty IN list") : any.build();
    }

    private static Query not(Query query) {
        return new BooleanQuery.Builder()
                .add(new MatchAllDocsQuery(), Occur.FILTER)
                .add(query, Occur.MUST_NOT)
                .build();
    }

    private static String escapeWildcard(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if (c == '*' || c == '?' || c == '\\') {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
