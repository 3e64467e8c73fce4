package dev.catena.retrievers.documents;

import dev.catena.retrievers.loader.DirectoryLoader;
import dev.catena.retrievers.loader.DocumentLoadException;
import dev.catena.retrievers.loader.MetadataKeys;
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

class DocumentLoadersTest {

    @TempDir
    Path dir;

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

    @Test
    void directoryLoaderFindsTheHtmlAndPdfLoadersThroughServiceLoader() throws IOException {
        writePdf(dir.resolve("d.pdf"), "D", List.of("only page"));
        Files.writeString(dir.resolve("a.md"), "# A\n");
        Files.writeString(dir.resolve("b.html"), "<h1>B</h1><p>text</p>");
        Files.writeString(dir.resolve("c.htm"), "<title>C</title><p>text</p>");
        List<Document> docs = DirectoryLoader.builder().build().load(dir);
        assertThat(docs).extracting(d -> d.metadata().getString(MetadataKeys.TITLE)).containsExactly("A", "B", "C", "D");
        assertThat(docs).extracting(d -> d.metadata().getString(MetadataKeys.CONTENT_TYPE))
                .containsExactly("text/markdown", "text/html", "text/html", "application/pdf");
    }
}
