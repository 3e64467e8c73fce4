package dev.catena.core.parser;

import java.util.Locale;
import java.util.Set;

/**
 * Parses a yes/no answer: "yes", "true", "y" are true; "no", "false", "n" are false (any case,
 * trailing punctuation ignored). Anything else is a parse failure.
 */
public final class BooleanOutputParser implements OutputParser<Boolean> {

    private static final Set<String> TRUE = Set.of("yes", "true", "y");
    private static final Set<String> FALSE = Set.of("no", "false", "n");
    private static final BooleanOutputParser INSTANCE = new BooleanOutputParser();

    private BooleanOutputParser() {}

    public static BooleanOutputParser create() {
        return INSTANCE;
    }

    @Override
    public Boolean parse(String text) {
        String word = text.strip().replaceAll("^[\"'`*]+|[\"'`*.!]+$", "").toLowerCase(Locale.ROOT);
        if (TRUE.contains(word)) return true;
        if (FALSE.contains(word)) return false;
        throw new OutputParserException("expected YES or NO but got '" + text.strip() + "'", text);
    }

    @Override
    public String formatInstructions() {
        return "Answer with YES or NO and nothing else.";
    }

    @Override
    public String name() {
        return "BooleanOutputParser";
    }
}
