package dev.catena.retrievers.documents;

import dev.catena.retrievers.loader.FileLoader;
import dev.langchain4j.data.document.Document;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Loads an HTML file with jsoup into Markdown-like text: headings become {@code #} lines, block
 * elements become paragraphs, scripts, styles and navigation are dropped. The title is the
 * {@code <title>}, else the first {@code <h1>}, else the file name. The content type stays
 * {@code text/html}; splitters treat its text like Markdown.
 */
public final class HtmlLoader implements FileLoader {

    private static final Set<String> BLOCKS = Set.of("p", "div", "section", "article", "main", "header", "footer",
            "li", "ul", "ol", "pre", "blockquote", "table", "tr", "dt", "dd", "hr", "body");

    @Override
    public List<Document> load(Path file) {
        String html = FileLoader.readUtf8(file);
        org.jsoup.nodes.Document doc = Jsoup.parse(html, file.toUri().toString());
        doc.select("script, style, nav, noscript, template").remove();
        String title = doc.title();
        if (title.isBlank()) {
            Element h1 = doc.selectFirst("h1");
            title = h1 == null ? null : h1.text();
        }
        return List.of(Document.from(toText(doc.body()), FileLoader.metadata(file, "text/html", title)));
    }

    /** Renders an element's text with headings as {@code #} lines and blank lines between blocks. */
    static String toText(Element root) {
        StringBuilder out = new StringBuilder();
        root.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    String s = t.text();
                    if (s.isBlank()) {
                        if (!out.isEmpty() && !Character.isWhitespace(out.charAt(out.length() - 1))) out.append(' ');
                        return;
                    }
                    if (!out.isEmpty() && Character.isWhitespace(s.charAt(0))
                            && !Character.isWhitespace(out.charAt(out.length() - 1))) out.append(' ');
                    out.append(s.strip());
                    if (Character.isWhitespace(s.charAt(s.length() - 1))) out.append(' ');
                } else if (node instanceof Element e) {
                    int level = headingLevel(e);
                    if (e.normalName().equals("br")) {
                        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') out.setLength(out.length() - 1);
                        out.append('\n');
                    } else if (level > 0) {
                        paragraphBreak(out);
                        out.append("#".repeat(level)).append(' ');
                    } else if (BLOCKS.contains(e.normalName())) {
                        paragraphBreak(out);
                    }
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && (headingLevel(e) > 0 || BLOCKS.contains(e.normalName()))) {
                    paragraphBreak(out);
                }
            }
        });
        return out.toString().strip();
    }

    private static int headingLevel(Element e) {
        String n = e.normalName();
        return n.length() == 2 && n.charAt(0) == 'h' && n.charAt(1) >= '1' && n.charAt(1) <= '6' ? n.charAt(1) - '0' : 0;
    }

    private static void paragraphBreak(StringBuilder out) {
        while (!out.isEmpty() && out.charAt(out.length() - 1) == ' ') out.setLength(out.length() - 1);
        if (out.isEmpty() || out.toString().endsWith("\n\n")) return;
        out.append(out.charAt(out.length() - 1) == '\n' ? "\n" : "\n\n");
    }
}
