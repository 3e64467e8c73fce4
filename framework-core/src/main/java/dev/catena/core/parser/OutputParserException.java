package dev.catena.core.parser;

import dev.catena.core.runnable.RunException;

/** A model's output could not be parsed; carries the raw text and the reason, for retries and error reports. */
public class OutputParserException extends RunException {
    private final String rawText;
    private final String reason;

    public OutputParserException(String reason, String rawText, Throwable cause) {
        super("Could not parse model output: " + reason + "; output was: " + abbreviate(rawText), cause);
        this.rawText = rawText;
        this.reason = reason;
    }

    public OutputParserException(String reason, String rawText) {
        this(reason, rawText, null);
    }

    /** The text that failed to parse. */
    public String rawText() {
        return rawText;
    }

    /** Why it failed, phrased so it can be shown to a model that is asked to fix its output. */
    public String reason() {
        return reason;
    }

    private static String abbreviate(String text) {
        if (text == null) return "null";
        return text.length() <= 300 ? '"' + text + '"' : '"' + text.substring(0, 300) + "...\" (" + text.length() + " chars)";
    }
}
