package dev.catena.agents.tool.builtin;

import dev.catena.agents.tool.AgentTool;
import dev.catena.agents.tool.ToolArguments;
import dev.catena.core.retrieval.Retriever;
import dev.catena.core.runnable.RunContext;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;

import java.util.List;
import java.util.Objects;

/**
 * A {@link Retriever} as a tool with one argument {@code query}: returns the retrieved texts,
 * numbered, at most {@code maxResults} of them. The retrieval is a nested run of the tool call.
 */
public final class RetrieverTool implements AgentTool {

    /** The longest query, in characters. */
    public static final int MAX_QUERY = 200;

    /** The query: a string of at most {@link #MAX_QUERY} characters, so a model held to the schema ends it. */
    private static final String QUERY = ToolArguments.JSON.createObjectNode().put("type", "string")
            .put("description", "what to search for").put("maxLength", MAX_QUERY).toString();

    private final Retriever retriever;
    private final ToolSpecification spec;
    private final int maxResults;

    /**
     * @param name        the tool name, e.g. {@code search_docs}
     * @param description what the tool searches, for the model
     * @param retriever   where to search
     * @param maxResults  the most results returned (at least 1)
     */
    public RetrieverTool(String name, String description, Retriever retriever, int maxResults) {
        this.retriever = Objects.requireNonNull(retriever, "retriever");
        if (maxResults < 1) throw new IllegalArgumentException("maxResults must be at least 1, was " + maxResults);
        this.maxResults = maxResults;
        this.spec = ToolSpecification.builder()
                .name(Objects.requireNonNull(name, "name"))
                .description(Objects.requireNonNull(description, "description"))
                .parameters(JsonObjectSchema.builder().addProperty("query", JsonRawSchema.from(QUERY)).required("query").build())
                .build();
    }

    @Override
    public ToolSpecification specification() {
        return spec;
    }

    @Override
    public String execute(String arguments) {
        return execute(arguments, null);
    }

    @Override
    public String execute(String arguments, RunContext run) {
        String query = ToolArguments.parse(spec, arguments).get("query").asText();
        List<Content> found = run == null ? retriever.retrieve(Query.from(query)) : retriever.invoke(Query.from(query), run.child());
        if (found.isEmpty()) return "No results for: " + query;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < Math.min(maxResults, found.size()); i++) {
            if (i > 0) out.append("\n\n");
            out.append('[').append(i + 1).append("] ").append(found.get(i).textSegment().text());
        }
        return out.toString();
    }
}
