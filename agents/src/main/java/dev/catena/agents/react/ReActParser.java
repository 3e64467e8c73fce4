package dev.catena.agents.react;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a ReAct turn: {@code Thought: ... Action: tool  Action Input: {...}} or
 * {@code Thought: ... Final Answer: ...}. Tolerant of what models write: any letter case, markdown
 * bold or headings around the keywords, numbered keywords ({@code Action 1:}), code fences around the
 * input, missing {@code Action Input} (empty input), and observations the model invented (everything
 * from an {@code Observation:} line on is ignored). When both an action and a final answer appear,
 * the one written first wins.
 */
public final class ReActParser {

    private static final String DECOR = "[ \\t*#_>`]*";
    private static final String AFTER = "[ \\t*#_>]*";
    private static final Pattern OBSERVATION = Pattern.compile("(?im)^" + DECOR + "observation\\s*\\d*\\s*" + DECOR + ":");
    private static final Pattern FINAL = Pattern.compile("(?i)" + DECOR + "final\\s*answer" + DECOR + ":" + AFTER);
    private static final Pattern ACTION = Pattern.compile("(?im)^" + DECOR + "action\\s*\\d*" + DECOR + ":[ \\t]*(.*)$");
    private static final Pattern ACTION_INPUT = Pattern.compile("(?i)" + DECOR + "action[ _]*\\d*[ _]*input\\s*\\d*" + DECOR + ":" + AFTER);
    private static final Pattern THOUGHT = Pattern.compile("(?i)^" + DECOR + "thought\\s*\\d*" + DECOR + ":" + DECOR);

    /** Parses one model turn. */
    public ReActOutput parse(String text) {
        String turn = withoutInventedObservations(text == null ? "" : text).strip();
        Matcher action = ACTION.matcher(turn);
        boolean hasAction = action.find();
        while (hasAction && action.group(1).strip().toLowerCase().startsWith("input")) hasAction = action.find();
        Matcher fin = FINAL.matcher(turn);
        boolean hasFinal = fin.find();

        if (hasFinal && (!hasAction || fin.start() < action.start())) {
            String answer = turn.substring(fin.end()).strip();
            String thought = thought(turn.substring(0, fin.start()));
            if (answer.isEmpty()) return new ReActOutput.Invalid(thought, "'Final Answer:' is empty. Write the answer after 'Final Answer:'.");
            if (answer.codePoints().noneMatch(Character::isLetterOrDigit)) {
                // e.g. "'." when a small model echoes the format reminder "... or 'Final Answer:'."
                return new ReActOutput.Invalid(thought, "'Final Answer:' is followed by no answer. Write the answer after it.");
            }
            return new ReActOutput.Finish(thought, answer);
        }
        if (hasAction) {
            String thought = thought(turn.substring(0, action.start()));
            String tool = cleanToolName(action.group(1));
            String rest = turn.substring(action.end());
            Matcher input = ACTION_INPUT.matcher(rest);
            String arguments = input.find() ? rest.substring(input.end()).strip() : "";
            if (tool.isEmpty()) {
                return new ReActOutput.Invalid(thought, "'Action:' names no tool. Write the tool name after 'Action:'.");
            }
            return new ReActOutput.Act(thought, tool, stripFences(arguments));
        }
        return new ReActOutput.Invalid(thought(turn), "Could not find 'Action:' or 'Final Answer:'. "
                + "Reply with 'Thought:' then either 'Action:' and 'Action Input:', or 'Final Answer:'.");
    }

    private static String withoutInventedObservations(String text) {
        Matcher m = OBSERVATION.matcher(text);
        return m.find() ? text.substring(0, m.start()) : text;
    }

    private static String thought(String text) {
        String t = text.strip();
        Matcher m = THOUGHT.matcher(t);
        return (m.find() ? t.substring(m.end()) : t).strip();
    }

    private static String cleanToolName(String tool) {
        String t = tool.strip();
        t = t.replaceAll("^[\\s`'\"*\\[]+|[\\s`'\"*\\].]+$", "");
        if (t.endsWith("()")) t = t.substring(0, t.length() - 2);
        return t.strip();
    }

    private static String stripFences(String input) {
        String s = input.strip();
        if (s.startsWith("```")) {
            s = s.substring(3);
            int nl = s.indexOf('\n');
            if (nl >= 0 && s.substring(0, nl).strip().matches("[A-Za-z]*")) s = s.substring(nl + 1);
            int end = s.indexOf("```");
            if (end >= 0) s = s.substring(0, end);
        } else if (s.startsWith("`") && s.endsWith("`") && s.length() > 1) {
            s = s.substring(1, s.length() - 1);
        }
        // A JSON object input ends at its closing brace, a text input at its line end: drop chatter after it.
        s = s.strip();
        if (s.startsWith("{")) {
            int end = matchingBrace(s);
            if (end > 0) s = s.substring(0, end + 1);
        } else if (s.indexOf('\n') >= 0) {
            s = s.substring(0, s.indexOf('\n'));
        }
        return s.strip();
    }

    private static int matchingBrace(String s) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }
}
