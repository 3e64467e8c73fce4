package dev.catena.llm.model;

import java.util.List;

/**
 * Finds stop strings in streamed text. Text that might be the start of a stop string is held back until
 * the next piece shows whether it is, so a stop string is never emitted, even partly.
 */
final class StopMatcher {

    private final List<String> stops;
    private final StringBuilder pending = new StringBuilder();
    private boolean stopped;

    StopMatcher(List<String> stops) {
        this.stops = stops.stream().filter(s -> !s.isEmpty()).toList();
    }

    boolean stopped() {
        return stopped;
    }

    /** Adds text and returns what can safely be emitted. */
    String append(String text) {
        if (stopped) {
            return "";
        }
        pending.append(text);
        int cut = -1;
        for (String s : stops) {
            int i = pending.indexOf(s);
            if (i >= 0 && (cut < 0 || i < cut)) {
                cut = i;
            }
        }
        if (cut >= 0) {
            stopped = true;
            String out = pending.substring(0, cut);
            pending.setLength(0);
            return out;
        }
        int hold = 0;
        String text2 = pending.toString();
        for (String s : stops) {
            for (int len = Math.min(s.length() - 1, pending.length()); len > hold; len--) {
                if (text2.regionMatches(text2.length() - len, s, 0, len)) {
                    hold = len;
                    break;
                }
            }
        }
        String out = pending.substring(0, pending.length() - hold);
        pending.delete(0, pending.length() - hold);
        return out;
    }

    /** Returns the text held back (at the end of generation). */
    String flush() {
        String out = stopped ? "" : pending.toString();
        pending.setLength(0);
        return out;
    }
}
