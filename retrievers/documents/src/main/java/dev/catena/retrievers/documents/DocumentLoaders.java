package dev.catena.retrievers.documents;

import dev.catena.retrievers.loader.FileLoader;
import dev.catena.retrievers.loader.FileLoaderProvider;

import java.util.Map;

/** Gives every {@code DirectoryLoader} the loaders of this artifact: HTML ({@code html}, {@code htm}) with jsoup and PDF with PDFBox. */
public final class DocumentLoaders implements FileLoaderProvider {

    @Override
    public Map<String, FileLoader> loaders() {
        HtmlLoader html = new HtmlLoader();
        return Map.of("html", html, "htm", html, "pdf", new PdfLoader());
    }
}
