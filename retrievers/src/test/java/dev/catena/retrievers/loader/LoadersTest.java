package dev.catena.retrievers.loader;

import dev.langchain4j.data.document.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoadersTest {

    @TempDir
    Path dir;

    @Test
    void textLoaderKeepsTextAndNamesTheSource() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "line one\r\nline two\n");
        Document doc = new TextLoader().load(file).getFirst();
        assertThat(doc.text()).isEqualTo("line one\nline two\n");
        assertThat(doc.metadata().getString(MetadataKeys.SOURCE)).isEqualTo(file.toString());
        assertThat(doc.metadata().getString(MetadataKeys.TITLE)).isEqualTo("notes");
        assertThat(doc.metadata().getString(MetadataKeys.CONTENT_TYPE)).isEqualTo("text/plain");
    }

    @Test
    void invalidUtf8IsAnErrorNamingTheFile() throws IOException {
        Path file = Files.write(dir.resolve("bad.txt"), new byte[] {'a', (byte) 0xC3, (byte) 0x28});
        assertThatThrownBy(() -> new TextLoader().load(file))
                .isInstanceOf(DocumentLoadException.class).hasMessageContaining("bad.txt").hasMessageContaining("UTF-8");
    }

    @Test
    void markdownTitleIsTheFirstH1() throws IOException {
        Path file = Files.writeString(dir.resolve("guide.md"), "Intro line\n\n# Getting Started #\n\n## Install\ntext\n");
        Document doc = new MarkdownLoader().load(file).getFirst();
        assertThat(doc.metadata().getString(MetadataKeys.TITLE)).isEqualTo("Getting Started");
        assertThat(doc.text()).contains("## Install");
    }

    @Test
    void directoryLoaderFollowsIncludeAndExcludeGlobs() throws IOException {
        Files.createDirectories(dir.resolve("docs/drafts"));
        Files.writeString(dir.resolve("top.md"), "# Top\n");
        Files.writeString(dir.resolve("docs/a.md"), "# A\n");
        Files.writeString(dir.resolve("docs/b.txt"), "b");
        Files.writeString(dir.resolve("docs/c.markdown"), "# C\n");
        Files.writeString(dir.resolve("docs/drafts/d.md"), "# D\n");
        Files.writeString(dir.resolve("docs/image.png"), "png");

        List<String> titles = DirectoryLoader.builder().include("docs/**").exclude("docs/drafts/**").build()
                .load(dir).stream().map(d -> d.metadata().getString(MetadataKeys.TITLE)).toList();
        assertThat(titles).containsExactly("A", "b", "C");

        List<String> markdown = DirectoryLoader.builder().include("**.md").build()
                .load(dir).stream().map(d -> d.metadata().getString(MetadataKeys.TITLE)).toList();
        assertThat(markdown).containsExactly("A", "D", "Top");
    }

    @Test
    void aFileTypeWhoseLoaderIsNotOnTheClassPathIsAnErrorNamingTheTypeAndTheArtifact() throws IOException {
        Files.writeString(dir.resolve("a.md"), "# A\n");
        Path pdf = Files.writeString(dir.resolve("manual.pdf"), "%PDF-1.7");
        DirectoryLoader loader = DirectoryLoader.builder().build();
        assertThat(loader.files(dir)).as("listed, not skipped").containsExactly(dir.resolve("a.md"), pdf);
        assertThatThrownBy(() -> loader.load(dir)).isInstanceOf(DocumentLoadException.class)
                .hasMessageContaining("manual.pdf").hasMessageContaining(".pdf files")
                .hasMessageContaining("dev.catena:catena-retrievers-documents");
        assertThatThrownBy(() -> loader.loadFile(Files.writeString(dir.resolve("page.htm"), "<p>x</p>")))
                .hasMessageContaining(".htm files").hasMessageContaining("catena-retrievers-documents");
        assertThatThrownBy(() -> loader.loadFile(Files.writeString(dir.resolve("data.xyz"), "x")))
                .hasMessageContaining("data.xyz").hasMessageContaining("no loader for its extension");
    }
}
