package dev.catena.core.parser;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Parses one constant of an enum, ignoring case, surrounding whitespace and quotes, trailing
 * punctuation, and treating spaces and dashes as underscores ("very good." -> {@code VERY_GOOD}).
 *
 * @param <E> the enum type
 */
public final class EnumOutputParser<E extends Enum<E>> implements OutputParser<E> {

    private final Class<E> type;

    private EnumOutputParser(Class<E> type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    public static <E extends Enum<E>> EnumOutputParser<E> of(Class<E> type) {
        return new EnumOutputParser<>(type);
    }

    @Override
    public E parse(String text) {
        String key = text.strip().replaceAll("^[\"'`*]+|[\"'`*.!]+$", "").strip()
                .replaceAll("[\\s-]+", "_");
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(key)) return constant;
        }
        throw new OutputParserException("expected one of " + allowed() + " but got '" + text.strip() + "'", text);
    }

    @Override
    public String formatInstructions() {
        return "Answer with exactly one of these values and nothing else: " + allowed() + ".";
    }

    private String allowed() {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }

    @Override
    public String name() {
        return "EnumOutputParser<" + type.getSimpleName() + ">";
    }
}
