package dev.catena.retrievers.splitter;

import dev.catena.retrievers.loader.MetadataKeys;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.segment.TextSegment;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

public class SplittersTest {

    public static final String TEXT = """
            Nimbus Sync keeps folders in step across devices. It encrypts every file before upload.

            Conflicts happen when two devices edit a file at once. Both versions are kept, and the older one is renamed.

            Version history keeps old versions for thirty days. Pro plans keep them longer. Business plans keep them for a year.
            """;

    public static Document doc(String text, String type) {
        return Document.from(text, new Metadata().put(MetadataKeys.SOURCE, "mem.txt").put(MetadataKeys.CONTENT_TYPE, type));
    }

    /** Every chunk's text is exactly its source range, and its metadata carries the document's. */
    public static void assertOffsets(String text, List<TextSegment> chunks) {
        for (int i = 0; i < chunks.size(); i++) {
            TextSegment c = chunks.get(i);
            int start = c.metadata().getInteger(MetadataKeys.START_OFFSET);
            int end = c.metadata().getInteger(MetadataKeys.END_OFFSET);
            assertThat(text.substring(start, end)).isEqualTo(c.text());
            assertThat(c.metadata().getInteger(MetadataKeys.CHUNK_INDEX)).isEqualTo(i);
            assertThat(c.metadata().getString(MetadataKeys.SOURCE)).isEqualTo("mem.txt");
        }
    }

    /** The chunks together contain every word of the text, in order. */
    public static void assertCovers(String text, List<TextSegment> chunks) {
        int covered = 0;
        for (TextSegment c : chunks) {
            int start = c.metadata().getInteger(MetadataKeys.START_OFFSET);
            assertThat(text.substring(covered, Math.max(covered, start))).isBlank();
            covered = Math.max(covered, c.metadata().getInteger(MetadataKeys.END_OFFSET));
        }
        assertThat(text.substring(covered)).isBlank();
    }

    @Test
    void recursiveSplitterPrefersParagraphsAndRespectsTheSize() {
        List<TextSegment> chunks = RecursiveCharacterSplitter.of(120, 0).split(doc(TEXT, "text/plain"));
        assertThat(chunks).extracting(TextSegment::text).allSatisfy(t -> assertThat(t.length()).isLessThanOrEqualTo(120));
        assertThat(chunks.getFirst().text()).isEqualTo(
                "Nimbus Sync keeps folders in step across devices. It encrypts every file before upload.");
        assertOffsets(TEXT, chunks);
        assertCovers(TEXT, chunks);
    }

    @Test
    void recursiveSplitterOverlapsConsecutiveChunks() {
        String words = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma";
        List<TextSegment> chunks = RecursiveCharacterSplitter.of(30, 12).split(doc(words, "text/plain"));
        assertThat(chunks).hasSizeGreaterThan(3);
        for (int i = 1; i < chunks.size(); i++) {
            int prevEnd = chunks.get(i - 1).metadata().getInteger(MetadataKeys.END_OFFSET);
            int start = chunks.get(i).metadata().getInteger(MetadataKeys.START_OFFSET);
            assertThat(start).as("chunk %d starts inside the previous one", i).isLessThan(prevEnd);
            assertThat(prevEnd - start).isLessThanOrEqualTo(12);
        }
        assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(30));
        assertOffsets(words, chunks);
        assertCovers(words, chunks);
    }

    @Test
    void wordLongerThanTheSizeIsCutHard() {
        String text = "x".repeat(25);
        List<TextSegment> chunks = RecursiveCharacterSplitter.of(10, 0).split(doc(text, "text/plain"));
        assertThat(chunks).extracting(TextSegment::text).containsExactly("x".repeat(10), "x".repeat(10), "x".repeat(5));
    }

    @Test
    void badSizesAreRejectedWithTheirNames() {
        assertThatThrownBy(() -> RecursiveCharacterSplitter.of(0, 0)).hasMessageContaining("maxSize");
        assertThatThrownBy(() -> SentenceSplitter.of(10, 10)).hasMessageContaining("overlap");
        assertThatThrownBy(() -> TokenSplitter.of(text -> List.of(), 5, -1)).hasMessageContaining("overlap");
    }

    @Test
    void englishSentencesEndAtTerminatorsButNotAbbreviations() {
        String text = "Dr. Smith installed v4.2 today. It works, e.g. on Linux! Does it sync? Yes. The answer is no. Fine.";
        List<String> sentences = SentenceSplitter.sentences(text).stream()
                .map(s -> text.substring(s.start(), s.end()).strip()).toList();
        assertThat(sentences).containsExactly("Dr. Smith installed v4.2 today.", "It works, e.g. on Linux!",
                "Does it sync?", "Yes.", "The answer is no.", "Fine.");
    }

    @Test
    void chineseSentencesEndAtFullWidthTerminators() {
        String text = "同步已完成。文件冲突了吗？请检查设置！保留两个版本；删除旧版本";
        List<String> sentences = SentenceSplitter.sentences(text).stream()
                .map(s -> text.substring(s.start(), s.end())).toList();
        assertThat(sentences).containsExactly("同步已完成。", "文件冲突了吗？", "请检查设置！", "保留两个版本；", "删除旧版本");
    }

    @Test
    void sentenceSplitterPacksWholeSentences() {
        List<TextSegment> chunks = SentenceSplitter.of(100, 0).split(doc(TEXT, "text/plain"));
        assertThat(chunks).extracting(TextSegment::text).contains(
                "Conflicts happen when two devices edit a file at once.",
                "Version history keeps old versions for thirty days. Pro plans keep them longer.");
        assertThat(chunks).allSatisfy(c -> assertThat(c.text()).matches("(?s).*[.!?]$"));
        assertOffsets(TEXT, chunks);
        assertCovers(TEXT, chunks);
    }

    @Test
    void sentenceSplitterHandlesChineseWithOverlap() {
        String text = "第一句话很短。第二句话也很短。第三句话稍微长一点点。第四句话结束了。";
        // sentences of 7, 8, 11 and 8 chars; the 11-char one is too long to repeat as overlap
        List<TextSegment> chunks = SentenceSplitter.of(20, 8).split(doc(text, "text/plain"));
        assertThat(chunks).extracting(TextSegment::text)
                .containsExactly("第一句话很短。第二句话也很短。", "第二句话也很短。第三句话稍微长一点点。", "第四句话结束了。");
        assertOffsets(text, chunks);
    }

    @Test
    void markdownHeaderSplitterKeepsSectionsApartAndRecordsHeadings() {
        String md = """
                # Guide
                Intro text.

                ## Install
                Run the installer.

                ### Linux
                Use apt.

                ```
                # not a heading
                ```

                ## Billing
                Pay monthly.
                """;
        List<TextSegment> chunks = MarkdownHeaderSplitter.of(200, 20).split(doc(md, "text/markdown"));
        assertThat(chunks).extracting(TextSegment::text).containsExactly(
                "# Guide\nIntro text.", "## Install\nRun the installer.",
                "### Linux\nUse apt.\n\n```\n# not a heading\n```", "## Billing\nPay monthly.");
        assertThat(chunks).extracting(c -> c.metadata().getString(MetadataKeys.HEADINGS)).containsExactly(
                "Guide", "Guide > Install", "Guide > Install > Linux", "Guide > Billing");
        assertOffsets(md, chunks);
    }

    @Test
    void otherSplittersAlsoRecordHeadingsForMarkdown() {
        String md = "# Guide\n\n## Install\n\n" + "Run the installer and wait. ".repeat(10);
        List<TextSegment> chunks = RecursiveCharacterSplitter.of(60, 0).split(doc(md, "text/markdown"));
        assertThat(chunks.getLast().metadata().getString(MetadataKeys.HEADINGS)).isEqualTo("Guide > Install");
        List<TextSegment> plain = RecursiveCharacterSplitter.of(60, 0).split(doc(md, "text/plain"));
        assertThat(plain.getLast().metadata().containsKey(MetadataKeys.HEADINGS)).isFalse();
    }

    @Test
    void parentChildSplitterLinksChildrenToParentsWithDocumentOffsets() {
        ParentChildSplitter splitter = ParentChildSplitter.of(RecursiveCharacterSplitter.of(120, 0),
                SentenceSplitter.of(60, 0));
        ParentChildSplitter.Result result = splitter.split(List.of(doc(TEXT, "text/plain")));
        assertThat(result.parents()).hasSize(3);
        assertThat(result.children()).hasSizeGreaterThan(result.parents().size());
        for (TextSegment child : result.children()) {
            TextSegment parent = result.parents().get(child.metadata().getString(MetadataKeys.PARENT_ID));
            assertThat(parent).isNotNull();
            assertThat(parent.text()).contains(child.text());
            int start = child.metadata().getInteger(MetadataKeys.START_OFFSET);
            assertThat(TEXT.substring(start, child.metadata().getInteger(MetadataKeys.END_OFFSET))).isEqualTo(child.text());
        }
    }
}
