package dev.catena.retrievers.loader;

import dev.langchain4j.data.document.Document;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
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
    void htmlBecomesMarkdownLikeTextWithoutScripts() throws IOException {
        Path file = Files.writeString(dir.resolve("page.html"), """
                <html><head><title>Page Title</title><script>var x = 1;</script></head>
                <body><nav>Menu</nav><h1>Main</h1><p>First <b>bold</b> paragraph.<br>Second line.</p>
                <h2>Details</h2><ul><li>one</li><li>two</li></ul></body></html>""");
        Document doc = new HtmlLoader().load(file).getFirst();
        assertThat(doc.metadata().getString(MetadataKeys.TITLE)).isEqualTo("Page Title");
        assertThat(doc.text()).isEqualTo("# Main\n\nFirst bold paragraph.\nSecond line.\n\n## Details\n\none\n\ntwo");
        assertThat(doc.text()).doesNotContain("var x").doesNotContain("Menu");
    }

    @Test
    void pdfGivesOneDocumentPerPageWithPageNumbers() throws IOException {
        Path file = dir.resolve("manual.pdf");
        writePdf(file, "Nimbus Manual", List.of("Page one talks about installing.", "Page two covers billing."));
        List<Document> pages = new PdfLoader().load(file);
        assertThat(pages).hasSize(2);
        assertThat(pages.get(0).text()).isEqualTo("Page one talks about installing.");
        assertThat(pages.get(1).text()).isEqualTo("Page two covers billing.");
        assertThat(pages.get(1).metadata().getInteger(MetadataKeys.PAGE)).isEqualTo(2);
        assertThat(pages.get(0).metadata().getString(MetadataKeys.TITLE)).isEqualTo("Nimbus Manual");
        assertThat(pages.get(0).metadata().getString(MetadataKeys.CONTENT_TYPE)).isEqualTo("application/pdf");
    }

    @Test
    void brokenPdfIsAnErrorNamingTheFile() throws IOException {
        Path file = Files.writeString(dir.resolve("broken.pdf"), "not a pdf");
        assertThatThrownBy(() -> new PdfLoader().load(file))
                .isInstanceOf(DocumentLoadException.class).hasMessageContaining("broken.pdf");
    }

    @Test
    void directoryLoaderFollowsIncludeAndExcludeGlobs() throws IOException {
        Files.createDirectories(dir.resolve("docs/drafts"));
        Files.writeString(dir.resolve("top.md"), "# Top\n");
        Files.writeString(dir.resolve("docs/a.md"), "# A\n");
        Files.writeString(dir.resolve("docs/b.txt"), "b");
        Files.writeString(dir.resolve("docs/c.html"), "<h1>C</h1>");
        Files.writeString(dir.resolve("docs/drafts/d.md"), "# D\n");
        Files.writeString(dir.resolve("docs/image.png"), "png");

        List<String> titles = DirectoryLoader.builder().include("docs/**").exclude("docs/drafts/**").build()
                .load(dir).stream().map(d -> d.metadata().getString(MetadataKeys.TITLE)).toList();
        assertThat(titles).containsExactly("A", "b", "C");

        List<String> markdown = DirectoryLoader.builder().include("**.md").build()
                .load(dir).stream().map(d -> d.metadata().getString(MetadataKeys.TITLE)).toList();
        assertThat(markdown).containsExactly("A", "D", "Top");
    }

    static void writePdf(Path file, String title, List<String> pageTexts) throws IOException {
        try (PDDocument pdf = new PDDocument()) {
            pdf.getDocumentInformation().setTitle(title);
            for (String text : pageTexts) {
                PDPage page = new PDPage();
                pdf.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            pdf.save(file.toFile());
        }
    }
}
