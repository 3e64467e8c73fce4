package dev.catena.samples.translator;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BookTranslatorTest {

    @TempDir
    Path dir;

    static String resource(String name) throws IOException {
        try (InputStream in = BookTranslatorTest.class.getResourceAsStream("/book/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static final Glossary GLOSSARY = new Glossary("en", "zh", Map.of("Mara Venn", "玛拉·文", "Harrow Point", "哈罗角", "Tobias Reed", "托拜厄斯·里德"));

    /**
     * A stand-in translator: "translates" by tagging the text; it gets "Harrow Point" wrong on the
     * first attempt and right when told so; summaries are numbered; back-translation undoes the tag.
     * It can be told to fail on the Nth translation request.
     */
    static final class FakeTranslator implements ChatModel {
        final List<ChatRequest> requests = new CopyOnWriteArrayList<>();
        final AtomicInteger translations = new AtomicInteger();
        final int failAt;

        FakeTranslator(int failAt) {
            this.failAt = failAt;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            requests.add(request);
            String system = ((SystemMessage) request.messages().getFirst()).text();
            String user = ((UserMessage) request.messages().getLast()).singleText();
            String reply;
            if (system.startsWith("You are a literary translator")) {
                if (translations.incrementAndGet() == failAt) throw new IllegalStateException("model crashed");
                boolean corrected = system.contains("broke these rules");
                String t = user.replace("Mara Venn", "玛拉·文").replace("Tobias Reed", "托拜厄斯·里德")
                        .replace("Harrow Point", corrected ? "哈罗角" : "Harrow角");
                reply = "[zh] " + t;
            } else if (system.startsWith("Summarize")) {
                reply = "Summary after: " + user.substring(user.indexOf("New text: ") + 10, Math.min(user.length(), user.indexOf("New text: ") + 30));
            } else {
                reply = user.replace("[zh] ", "").replace("玛拉·文", "Mara Venn").replace("托拜厄斯·里德", "Tobias Reed").replace("哈罗角", "Harrow Point");
            }
            return ChatResponse.builder().aiMessage(AiMessage.from(reply)).build();
        }

        long translateRequests() {
            return requests.stream().filter(r -> ((SystemMessage) r.messages().getFirst()).text().startsWith("You are a literary translator")).count();
        }
    }

    @Test
    void chunksAreWholeSentencesWithinTheLimit() throws IOException {
        String book = resource("lighthouse.md");
        List<String> chunks = new BookTranslator(new FakeTranslator(-1), GLOSSARY, 300).chunks(book);
        assertThat(chunks.size()).isGreaterThan(5);
        for (String c : chunks) {
            assertThat(c.length()).isLessThanOrEqualTo(300);
            assertThat(c.strip()).matches("(?s).*([.!?\"”*]|Chapter \\d)$");
        }
        assertThat(String.join("", chunks).replaceAll("\\s", "")).isEqualTo(book.replaceAll("\\s", ""));
    }

    @Test
    void translatesWithGlossaryRetryRollingContextAndBackTranslation() throws IOException {
        String book = resource("lighthouse.md");
        FakeTranslator model = new FakeTranslator(-1);
        BookTranslator translator = new BookTranslator(model, GLOSSARY, 400);
        List<ChunkResult> results = translator.translate(book, TranslationState.open(dir.resolve("s.jsonl")), r -> {});

        assertThat(results).allSatisfy(r -> assertThat(r.glossaryMisses()).isEmpty());
        assertThat(results).filteredOn(r -> r.source().contains("Harrow Point"))
                .allSatisfy(r -> assertThat(r.translation()).contains("哈罗角").doesNotContain("Harrow角"));
        // A retry happened for each chunk that mentions Harrow Point.
        long harrowChunks = results.stream().filter(r -> r.source().contains("Harrow Point")).count();
        assertThat(model.translateRequests()).isEqualTo(results.size() + harrowChunks);
        // The second chunk's prompt carries the summary written after the first.
        String secondSystem = model.requests.stream().map(r -> ((SystemMessage) r.messages().getFirst()).text())
                .filter(s -> s.startsWith("You are a literary translator")).toList().get(harrowChunks > 0 ? 2 : 1);
        assertThat(secondSystem).contains(results.getFirst().summary());
        assertThat(results).allSatisfy(r -> assertThat(r.backTranslationChrF()).isGreaterThan(95));
        String out = BookTranslator.assemble(book, results);
        assertThat(out).contains("## Chapter 2").contains("\n\n");
        assertThat(out.split("\n\n").length).isEqualTo(book.strip().split("\n\n").length);
    }

    @Test
    void anInterruptedRunResumesWithoutTranslatingAnythingTwice() throws IOException {
        String book = resource("lighthouse.md");
        Path state = dir.resolve("state.jsonl");
        FakeTranslator crashing = new FakeTranslator(4);
        List<Integer> finished = new ArrayList<>();
        assertThatThrownBy(() -> new BookTranslator(crashing, GLOSSARY, 400).translate(book, TranslationState.open(state), r -> finished.add(r.index())))
                .hasMessageContaining("model crashed");
        int saved = TranslationState.open(state).size();
        assertThat(saved).isEqualTo(finished.size()).isPositive();

        FakeTranslator healthy = new FakeTranslator(-1);
        BookTranslator translator = new BookTranslator(healthy, GLOSSARY, 400);
        List<ChunkResult> results = translator.translate(book, TranslationState.open(state), r -> {});
        int total = translator.chunks(book).size();
        assertThat(results).hasSize(total);
        assertThat(results).extracting(ChunkResult::index).containsExactlyElementsOf(java.util.stream.IntStream.range(0, total).boxed().toList());
        long redoneHarrow = results.stream().skip(saved).filter(r -> r.source().contains("Harrow Point")).count();
        assertThat(healthy.translateRequests()).isEqualTo(total - saved + redoneHarrow);
        assertThat(TranslationState.open(state).size()).isEqualTo(total);
    }

    @Test
    void badGlossaryNamesTheFileAndField() throws IOException {
        Path g = dir.resolve("g.json");
        java.nio.file.Files.writeString(g, "{\"terms\": {\"Mara\": 3}}");
        assertThatThrownBy(() -> Glossary.read(g)).hasMessageContaining("g.json").hasMessageContaining("terms.Mara");
    }
}
