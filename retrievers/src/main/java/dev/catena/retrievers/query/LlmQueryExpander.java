package dev.catena.retrievers.query;

import dev.catena.core.model.ChatModelRunnable;
import dev.catena.core.runnable.RunConfig;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.rag.query.transformer.QueryTransformer;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Asks an LLM for {@code n} alternative phrasings of a question (one per line) and returns the
 * original query followed by the distinct rewrites. Numbering and bullets the model adds are removed;
 * extra lines beyond {@code n} are dropped.
 */
public final class LlmQueryExpander implements QueryTransformer {

    private static final Pattern BULLET = Pattern.compile("^\\s*(?:\\d+[.)]|[-*•])\\s*");

    private final ChatModel model;
    private final int n;

    private LlmQueryExpander(ChatModel model, int n) {
        this.model = Objects.requireNonNull(model, "model");
        if (n <= 0) throw new IllegalArgumentException("n must be positive, was " + n);
        this.n = n;
    }

    public static LlmQueryExpander of(ChatModel model, int n) {
        return new LlmQueryExpander(model, n);
    }

    /** The prompt sent to the model for {@code question}. */
    public String prompt(String question) {
        return "You help a search engine find documents. Write " + n + " different versions of the question below, "
                + "using other words and synonyms, so that together they find more relevant documents.\n"
                + "Answer with the " + n + " versions only, one per line, without numbering.\n\n"
                + "Question: " + question;
    }

    @Override
    public List<Query> transform(Query query) {
        return parse(query, model.chat(prompt(query.text())));
    }

    /** Like {@link #transform(Query)}, with the model call traced as a run under {@code config}. */
    public List<Query> transform(Query query, RunConfig config) {
        return parse(query, ChatModelRunnable.of(model).invoke(prompt(query.text()), config).text());
    }

    private List<Query> parse(Query query, String reply) {
        Set<String> texts = new LinkedHashSet<>();
        texts.add(query.text().strip());
        int added = 0;
        for (String line : reply.split("\\R")) {
            String q = BULLET.matcher(line).replaceFirst("").strip();
            if (q.isEmpty()) continue;
            if (texts.add(q) && ++added == n) break;
        }
        List<Query> out = new ArrayList<>();
        for (String t : texts) out.add(query.metadata() == null ? Query.from(t) : Query.from(t, query.metadata()));
        return out;
    }
}
