package dev.catena.retrievers.lucene;

import dev.catena.core.callback.CallbackHandler;
import dev.catena.core.callback.RunInfo;
import dev.catena.core.runnable.RunConfig;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.catena.retrievers.query.LlmQueryExpander;
import dev.catena.retrievers.query.MetadataField;
import dev.catena.retrievers.query.SelfQueryException;
import dev.catena.retrievers.query.SelfQueryParser;
import dev.catena.retrievers.query.StructuredQuery;
import dev.catena.retrievers.retrieval.MultiQueryRetriever;
import dev.catena.retrievers.retrieval.SelfQueryRetriever;
import dev.catena.testing.ScriptedChatModel;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.filter.Filter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LlmRetrievalTest {

    static TextSegment doc(String text, String source, String os, int version) {
        return TextSegment.from(text, new Metadata().put(MetadataKeys.SOURCE, source).put("os", os).put("version", version));
    }

    static Bm25Index index() {
        Bm25Index index = new Bm25Index();
        index.add("1", doc("Install guide: run the installer package.", "linux-3.md", "linux", 3));
        index.add("2", doc("Install guide: open the disk image.", "macos-3.md", "macos", 3));
        index.add("3", doc("Install guide: old installer script.", "linux-2.md", "linux", 2));
        index.add("4", doc("Setup steps for the desktop client.", "setup.md", "windows", 4));
        return index;
    }

    static List<String> sources(List<Content> contents) {
        return contents.stream().map(c -> c.textSegment().metadata().getString(MetadataKeys.SOURCE)).toList();
    }

    static final List<MetadataField> FIELDS = List.of(
            MetadataField.string("os", "operating system", "linux", "macos", "windows"),
            MetadataField.integer("version", "major product version"));

    @Test
    void expanderReturnsTheOriginalAndCleanedRewrites() {
        ScriptedChatModel llm = ScriptedChatModel.of("1. setup steps for the client\n- install guide\n\n3) setup steps for the client\nextra line");
        List<Query> queries = LlmQueryExpander.of(llm, 2).transform(Query.from("how to install"));
        assertThat(queries).extracting(Query::text)
                .containsExactly("how to install", "setup steps for the client", "install guide");
        assertThat(((UserMessage) llm.lastMessages().getLast()).singleText()).contains("Write 2 different versions")
                .endsWith("Question: how to install");
    }

    @Test
    void multiQueryFindsWhatOnlyARewriteMatches() {
        Bm25Retriever base = Bm25Retriever.of(index(), 2);
        assertThat(sources(base.retrieve("desktop client"))).containsExactly("setup.md");
        assertThat(base.retrieve("how do I get the software going")).isEmpty();

        ScriptedChatModel llm = ScriptedChatModel.of("setup steps for the desktop client\ninstall guide");
        List<Content> found = MultiQueryRetriever.of(LlmQueryExpander.of(llm, 2), base, 3)
                .retrieve("how do I get the software going");
        assertThat(sources(found)).hasSize(3).contains("setup.md");
        assertThat(llm.requests()).hasSize(1);
    }

    @Test
    void invokedAsAStepTheLlmCallAndRetrievalsAreChildRuns() {
        List<RunInfo> started = new CopyOnWriteArrayList<>();
        CallbackHandler recorder = new CallbackHandler() {
            @Override
            public void onStart(RunInfo run, Object input) {
                started.add(run);
            }
        };
        ScriptedChatModel llm = ScriptedChatModel.of("setup steps for the desktop client\ninstall guide");
        MultiQueryRetriever retriever = MultiQueryRetriever.of(LlmQueryExpander.of(llm, 2), Bm25Retriever.of(index(), 2), 3);
        List<Content> found = retriever.invoke(Query.from("how do I get the software going"),
                RunConfig.builder().callbacks(List.of(recorder)).build());
        assertThat(sources(found)).contains("setup.md");

        RunInfo root = started.getFirst();
        assertThat(root.name()).isEqualTo("MultiQueryRetriever");
        assertThat(root.parentRunId()).isNull();
        assertThat(started.subList(1, started.size())).extracting(RunInfo::name)
                .containsExactly("ChatModel<ScriptedChatModel>", "Bm25Retriever", "Bm25Retriever", "Bm25Retriever");
        assertThat(started.subList(1, started.size())).allSatisfy(r -> assertThat(r.parentRunId()).isEqualTo(root.runId()));
    }

    @Test
    void selfQueryTurnsTheQuestionIntoQueryAndFilter() {
        ScriptedChatModel llm = ScriptedChatModel.of("""
                ```json
                {"query": "install guide", "filter": {"op": "and", "filters": [
                  {"op": "eq", "field": "os", "value": "linux"}, {"op": "gte", "field": "version", "value": 3}]}}
                ```""");
        SelfQueryRetriever retriever = SelfQueryRetriever.of(SelfQueryParser.of(llm, FIELDS), Bm25Retriever.of(index(), 5));
        assertThat(sources(retriever.retrieve("install guide for Linux, version 3 or newer"))).containsExactly("linux-3.md");
        String prompt = ((UserMessage) llm.lastMessages().getLast()).singleText();
        assertThat(prompt).contains("- os (string): operating system One of [linux, macos, windows].")
                .contains("- version (integer)");
    }

    @Test
    void selfQueryParsesEveryOperator() {
        SelfQueryParser parser = SelfQueryParser.of(ScriptedChatModel.of(), FIELDS);
        StructuredQuery q = parser.parseReply("""
                {"query": "guide", "filter": {"op": "or", "filters": [
                  {"op": "in", "field": "os", "value": ["macos", "windows"]},
                  {"op": "not", "filter": {"op": "lt", "field": "version", "value": 3}}]}}""", "q");
        Filter expected = metadataKey("os").isIn("macos", "windows").or(Filter.not(metadataKey("version").isLessThan(3)));
        assertThat(q.filter()).isEqualTo(expected);
        assertThat(parser.parseReply("{\"query\": \"plain\", \"filter\": null}", "q")).isEqualTo(new StructuredQuery("plain", null));
        assertThat(parser.parseReply("{\"filter\": null}", "original").text()).isEqualTo("original");
    }

    @Test
    void selfQueryRejectsWhatItCannotHonour() {
        SelfQueryParser parser = SelfQueryParser.of(ScriptedChatModel.of(), FIELDS);
        assertThatThrownBy(() -> parser.parseReply("{\"query\":\"x\",\"filter\":{\"op\":\"eq\",\"field\":\"colour\",\"value\":\"red\"}}", "q"))
                .isInstanceOf(SelfQueryException.class).hasMessageContaining("unknown field 'colour'").hasMessageContaining("[os, version]");
        assertThatThrownBy(() -> parser.parseReply("{\"query\":\"x\",\"filter\":{\"op\":\"like\",\"field\":\"os\",\"value\":\"l\"}}", "q"))
                .hasMessageContaining("unknown op 'like'");
        assertThatThrownBy(() -> parser.parseReply("{\"query\":\"x\",\"filter\":{\"op\":\"eq\",\"field\":\"version\",\"value\":\"three\"}}", "q"))
                .hasMessageContaining("field 'version' expects an integer");
        assertThatThrownBy(() -> parser.parseReply("{\"query\":\"x\",\"filter\":{\"op\":\"eq\",\"field\":\"os\",\"value\":\"beos\"}}", "q"))
                .hasMessageContaining("no value 'beos'");
        assertThatThrownBy(() -> parser.parseReply("{\"query\":\"x\",\"filter\":{\"op\":\"gt\",\"field\":\"os\",\"value\":\"linux\"}}", "q"))
                .hasMessageContaining("only eq, ne, in, nin apply");
        assertThatThrownBy(() -> parser.parseReply("Sorry, I cannot help.", "q"))
                .hasMessageContaining("no JSON object").hasMessageContaining("Sorry, I cannot help.");
    }
}
