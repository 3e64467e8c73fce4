package dev.catena.retrievers.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.runnable.RunConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.store.embedding.filter.Filter;

import java.util.List;
import java.util.Objects;

/**
 * Asks an LLM to turn a question into a search text and a metadata filter over the declared
 * {@link MetadataField}s. The model answers with JSON {@code {"query": "...", "filter": {...} | null}}
 * (grammar in {@link FilterJson}); the answer is validated strictly: an unknown field, operator,
 * value or type is a {@link SelfQueryException} quoting the model's answer, never a silently
 * dropped condition.
 */
public final class SelfQueryParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ChatModel model;
    private final List<MetadataField> fields;
    private final FilterJson filters;

    private SelfQueryParser(ChatModel model, List<MetadataField> fields) {
        this.model = Objects.requireNonNull(model, "model");
        if (fields.isEmpty()) throw new IllegalArgumentException("at least one metadata field is required");
        this.fields = List.copyOf(fields);
        this.filters = new FilterJson(this.fields);
    }

    public static SelfQueryParser of(ChatModel model, List<MetadataField> fields) {
        return new SelfQueryParser(model, fields);
    }

    /** The prompt sent to the model for {@code question}. */
    public String prompt(String question) {
        StringBuilder sb = new StringBuilder("""
                Turn the user's question into a search query and a metadata filter.
                Metadata fields you may filter on:
                """);
        for (MetadataField f : fields) {
            sb.append("- ").append(f.name()).append(" (").append(f.type().name().toLowerCase(java.util.Locale.ROOT)).append("): ")
                    .append(f.description());
            if (!f.allowedValues().isEmpty()) sb.append(" One of ").append(f.allowedValues()).append('.');
            sb.append('\n');
        }
        sb.append("""
                Answer with JSON only: {"query": "<text to search for, without the filter conditions>", "filter": <filter or null>}
                A filter is {"op": "eq|ne|gt|gte|lt|lte", "field": "<field>", "value": <value>},
                {"op": "in|nin", "field": "<field>", "value": [<values>]}, {"op": "and|or", "filters": [<filters>]}
                or {"op": "not", "filter": <filter>}. Use only the fields listed; use null when no condition applies.

                Question: """).append(question);
        return sb.toString();
    }

    /** Asks the model and parses its answer. */
    public StructuredQuery parse(String question) {
        return parseReply(model.chat(prompt(question)), question);
    }

    /** Like {@link #parse(String)}, with the model call traced as a run under {@code config}. */
    public StructuredQuery parse(String question, RunConfig config) {
        return parseReply(ChatModelRunnable.of(model).invoke(prompt(question), config).text(), question);
    }

    /** Parses a model answer; exposed for callers that talk to the model themselves. */
    public StructuredQuery parseReply(String reply, String question) {
        String json = extractJson(reply);
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SelfQueryException("self-query answer is not valid JSON: " + quote(reply), e);
        }
        if (root == null || !root.isObject()) throw new SelfQueryException("self-query answer is not a JSON object: " + quote(reply), null);
        JsonNode q = root.get("query");
        String text = q == null || q.isNull() || q.asText().isBlank() ? question : q.asText();
        JsonNode f = root.get("filter");
        Filter filter;
        try {
            filter = f == null || f.isNull() ? null : filters.parse(f, "filter");
        } catch (SelfQueryException e) {
            throw new SelfQueryException(e.getMessage() + " in the self-query answer " + quote(reply), null);
        }
        return new StructuredQuery(text, filter);
    }

    private static String extractJson(String reply) {
        int start = reply.indexOf('{');
        int end = reply.lastIndexOf('}');
        if (start < 0 || end < start) throw new SelfQueryException("self-query answer has no JSON object: " + quote(reply), null);
        return reply.substring(start, end + 1);
    }

    private static String quote(String reply) {
        String s = reply.length() > 300 ? reply.substring(0, 300) + "..." : reply;
        return "'" + s + "'";
    }
}
