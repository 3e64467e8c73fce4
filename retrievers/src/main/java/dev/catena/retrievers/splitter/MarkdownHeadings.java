package dev.catena.retrievers.splitter;

import dev.catena.retrievers.loader.MetadataKeys;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The ATX headings ({@code #} to {@code ######}) of a Markdown text, outside fenced code blocks. */
final class MarkdownHeadings {

    /** One heading: where its line starts, its level and its text. */
    record Heading(int offset, int level, String title) {
    }

    private static final Pattern LINE = Pattern.compile("(?m)^.*$");
    private static final Pattern ATX = Pattern.compile("^(#{1,6})[ \\t]+(.*?)[ \\t#]*$");

    private final List<Heading> headings;

    private MarkdownHeadings(List<Heading> headings) {
        this.headings = headings;
    }

    static MarkdownHeadings of(String text) {
        List<Heading> found = new ArrayList<>();
        boolean inFence = false;
        Matcher line = LINE.matcher(text);
        while (line.find()) {
            String s = line.group();
            if (s.startsWith("```") || s.startsWith("~~~")) {
                inFence = !inFence;
                continue;
            }
            if (inFence) continue;
            Matcher h = ATX.matcher(s);
            if (h.matches() && !h.group(2).isBlank()) found.add(new Heading(line.start(), h.group(1).length(), h.group(2)));
        }
        return new MarkdownHeadings(List.copyOf(found));
    }

    List<Heading> all() {
        return headings;
    }

    /** The heading path in force at {@code offset} (headings whose line starts at or before it). */
    String pathAt(int offset) {
        List<Heading> stack = new ArrayList<>();
        for (Heading h : headings) {
            if (h.offset() > offset) break;
            while (!stack.isEmpty() && stack.getLast().level() >= h.level()) stack.removeLast();
            stack.add(h);
        }
        return String.join(MetadataKeys.HEADING_SEPARATOR, stack.stream().map(Heading::title).toList());
    }
}
