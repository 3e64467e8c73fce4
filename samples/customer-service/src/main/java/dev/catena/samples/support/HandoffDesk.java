package dev.catena.samples.support;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The queue of conversations handed to people (in memory in this sample). */
@ApplicationScoped
public class HandoffDesk {

    private final List<Handoff> queue = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger(1000);

    /** Opens a ticket and returns it. */
    public synchronized Handoff open(String conversationId, String reason, String lastMessage) {
        Handoff h = new Handoff("HO-" + next.incrementAndGet(), conversationId, reason, lastMessage, Instant.now());
        queue.add(h);
        return h;
    }

    /** The open tickets, oldest first. */
    public synchronized List<Handoff> open() {
        return List.copyOf(queue);
    }
}
