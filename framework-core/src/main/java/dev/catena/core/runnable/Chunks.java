package dev.catena.core.runnable;

import dev.langchain4j.data.message.AiMessage;

import java.util.List;

/**
 * How stream chunks combine into one value: strings and AI-message texts are deltas and are
 * concatenated; any other chunk type is a snapshot, so the last one wins.
 */
public final class Chunks {
    private Chunks() {}

    /** Merges chunks into the value they stand for; null for no chunks. */
    public static Object merge(List<?> chunks) {
        if (chunks.isEmpty()) return null;
        if (chunks.size() == 1) return chunks.getFirst();
        if (chunks.stream().allMatch(c -> c instanceof String)) {
            StringBuilder sb = new StringBuilder();
            for (Object c : chunks) sb.append((String) c);
            return sb.toString();
        }
        if (chunks.stream().allMatch(c -> c instanceof AiMessage m && !m.hasToolExecutionRequests())) {
            StringBuilder sb = new StringBuilder();
            for (Object c : chunks) {
                String t = ((AiMessage) c).text();
                if (t != null) sb.append(t);
            }
            return AiMessage.from(sb.toString());
        }
        return chunks.getLast();
    }
}
