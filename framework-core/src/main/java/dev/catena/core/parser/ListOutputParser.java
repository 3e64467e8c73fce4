package dev.catena.core.parser;

import dev.catena.core.runnable.RunContext;
import dev.catena.core.runnable.RunStream;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;

/**
 * Parses a list: comma-separated ({@link #csv()}) or one item per line ({@link #lines()}, which also
 * strips bullets and numbering such as "- ", "* ", "1. "). Items are trimmed and empty ones dropped.
 * When streamed, it emits the list so far each time another item is complete.
 */
public final class ListOutputParser implements OutputParser<List<String>> {

    private static final Pattern BULLET = Pattern.compile("^\\s*(?:[-*•]|\\d+[.)])\\s+");

    private final String separator;
    private final boolean stripBullets;
    private final String instructions;

    private ListOutputParser(String separator, boolean stripBullets, String instructions) {
        this.separator = separator;
        this.stripBullets = stripBullets;
        this.instructions = instructions;
    }

    /** Comma-separated values: "red, green, blue". */
    public static ListOutputParser csv() {
        return new ListOutputParser(",", false,
                "Answer with a comma-separated list of values and nothing else, e.g. `foo, bar, baz`.");
    }

    /** One item per line; bullets and numbering are removed. */
    public static ListOutputParser lines() {
        return new ListOutputParser("\n", true, "Answer with one item per line and nothing else.");
    }

    @Override
    public List<String> parse(String text) {
        List<String> items = new ArrayList<>();
        for (String part : text.split(Pattern.quote(separator), -1)) addItem(items, part);
        return List.copyOf(items);
    }

    private void addItem(List<String> items, String raw) {
        String item = stripBullets ? BULLET.matcher(raw).replaceFirst("") : raw;
        item = item.strip();
        if (!item.isEmpty()) items.add(item);
    }

    @Override
    public String formatInstructions() {
        return instructions;
    }

    @Override
    public RunStream<List<String>> doTransform(RunStream<Object> input, RunContext run) {
        return new RunStream<>() {
            private final StringBuilder buffer = new StringBuilder();
            private final List<String> items = new ArrayList<>();
            private List<String> pending;
            private boolean done;

            @Override public boolean hasNext() {
                while (pending == null && !done) {
                    int before = items.size();
                    if (input.hasNext()) {
                        buffer.append(OutputParser.textOf(input.next()));
                        int cut;
                        while ((cut = buffer.indexOf(separator)) >= 0) {
                            addItem(items, buffer.substring(0, cut));
                            buffer.delete(0, cut + separator.length());
                        }
                    } else {
                        done = true;
                        addItem(items, buffer.toString());
                        if (before == 0 && items.isEmpty()) pending = List.of();
                    }
                    if (items.size() > before) pending = List.copyOf(items);
                }
                return pending != null;
            }

            @Override public List<String> next() {
                if (!hasNext()) throw new NoSuchElementException();
                List<String> out = pending;
                pending = null;
                return out;
            }

            @Override public void close() {
                done = true;
                input.close();
            }
        };
    }

    @Override
    public String name() {
        return "ListOutputParser";
    }
}
