package dev.catena.agents.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a planner's reply: a numbered list of steps, or {@code Final Answer: ...}. */
final class PlanParser {

    private static final Pattern STEP = Pattern.compile("^\\s*(?:[-*]\\s*)?(?:step\\s*)?\\d+\\s*[.):]\\s*(.+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FINAL = Pattern.compile("(?i)[*#\\s]*final\\s*answer[*\\s]*:[*\\s]*");

    private PlanParser() {}

    /** The steps of a numbered list, in order; empty when the text has none. */
    static List<String> steps(String text) {
        List<String> steps = new ArrayList<>();
        for (String line : (text == null ? "" : text).split("\\R")) {
            Matcher m = STEP.matcher(line);
            if (m.matches() && !m.group(1).isBlank()) steps.add(m.group(1).strip());
        }
        return steps;
    }

    /** The final answer, when the text gives one. */
    static Optional<String> finalAnswer(String text) {
        Matcher m = FINAL.matcher(text == null ? "" : text);
        if (!m.find()) return Optional.empty();
        String answer = text.substring(m.end()).strip();
        return answer.isEmpty() ? Optional.empty() : Optional.of(answer);
    }
}
