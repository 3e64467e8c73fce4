package dev.catena.retrievers.documents;

import dev.catena.retrievers.loader.DocumentLoadException;
import dev.catena.retrievers.loader.FileLoader;
import dev.catena.retrievers.loader.MetadataKeys;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads a PDF with PDFBox as one document per non-blank page, each with its 1-based
 * {@link MetadataKeys#PAGE}. The title is the PDF's document-information title, else the file name.
 */
public final class PdfLoader implements FileLoader {

    @Override
    public List<Document> load(Path file) {
        try (PDDocument pdf = Loader.loadPDF(file.toFile())) {
            String title = pdf.getDocumentInformation() == null ? null : pdf.getDocumentInformation().getTitle();
            PDFTextStripper stripper = new PDFTextStripper();
            stripper.setLineSeparator("\n");
            List<Document> pages = new ArrayList<>();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String text = stripper.getText(pdf).strip();
                if (text.isEmpty()) continue;
                Metadata metadata = FileLoader.metadata(file, "application/pdf", title).put(MetadataKeys.PAGE, page);
                pages.add(Document.from(text, metadata));
            }
            return pages;
        } catch (IOException e) {
            throw new DocumentLoadException(file, "not a readable PDF (" + e.getMessage() + ")", e);
        }
    }
}
