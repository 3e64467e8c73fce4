package dev.catena.agents.tool.builtin;

import dev.catena.agents.tool.ToolArgumentException;
import dev.catena.core.retrieval.Retriever;
import dev.langchain4j.rag.content.Content;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DateTimeAndRetrieverToolTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T17:55:00Z"), ZoneId.of("UTC"));

    @Test
    void dateTimeReadsTheInjectedClock() {
        DateTimeTool tool = new DateTimeTool(clock);
        assertThat(tool.execute("{}")).isEqualTo("2026-11-28T17:55:00Z[UTC] (Saturday)");
        assertThat(tool.execute("{\"zone\":\"Asia/Tokyo\"}")).isEqualTo("2026-11-29T02:55:00+09:00[Asia/Tokyo] (Sunday)");
        assertThatThrownBy(() -> tool.execute("{\"zone\":\"Mars/Olympus\"}")).isInstanceOf(ToolArgumentException.class)
                .hasMessageContaining("unknown time zone 'Mars/Olympus'");
    }

    @Test
    void retrieverToolNumbersResultsUpToTheLimit() {
        Retriever retriever = query -> List.of(Content.from("Paris is in France."), Content.from("Lyon is in France."),
                Content.from("Rome is in Italy."));
        RetrieverTool tool = new RetrieverTool("search_docs", "Searches the travel guide", retriever, 2);

        assertThat(tool.execute("{\"query\":\"France\"}")).isEqualTo("[1] Paris is in France.\n\n[2] Lyon is in France.");
        assertThat(new RetrieverTool("empty", "nothing", q -> List.of(), 3).execute("cats")).isEqualTo("No results for: cats");
    }
}
