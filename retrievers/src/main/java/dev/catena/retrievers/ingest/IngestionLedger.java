package dev.catena.retrievers.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Remembers which chunk ids an ingestion has stored, so that re-ingesting adds nothing twice and an
 * interrupted ingestion resumes exactly. Writes are ahead-logged: a batch's ids are recorded as
 * pending before the store is written and as committed after; ids still pending on the next run
 * (the store write may or may not have happened) are removed from the store and ingested again.
 *
 * <p>{@link #open(Path)} keeps the ledger in an append-only text file (one {@code P|C|R id} line
 * per event, synced on every batch); {@link #inMemory()} keeps it for the life of the object.
 */
public final class IngestionLedger {

    private enum State { PENDING, COMMITTED }

    private final Path file;
    private final Map<String, State> states = new HashMap<>();

    private IngestionLedger(Path file) {
        this.file = file;
    }

    /** A ledger that lives in memory only. */
    public static IngestionLedger inMemory() {
        return new IngestionLedger(null);
    }

    /** Opens (or creates) the ledger file {@code file}. */
    public static IngestionLedger open(Path file) {
        IngestionLedger ledger = new IngestionLedger(file);
        if (Files.exists(file)) ledger.replay();
        return ledger;
    }

    private void replay() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read ingestion ledger " + file, e);
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isEmpty()) continue;
            boolean last = i == lines.size() - 1;
            if (line.length() < 3 || line.charAt(1) != ' ' || "PCR".indexOf(line.charAt(0)) < 0) {
                if (last) continue; // a torn final line from a crash mid-write: that event never completed
                throw new IllegalStateException("ingestion ledger " + file + " line " + (i + 1)
                        + ": expected 'P|C|R <id>', got '" + line + "'");
            }
            String id = line.substring(2);
            switch (line.charAt(0)) {
                case 'P' -> states.put(id, State.PENDING);
                case 'C' -> states.put(id, State.COMMITTED);
                default -> states.remove(id);
            }
        }
    }

    /** Whether {@code id} was stored by a completed batch. */
    public synchronized boolean isCommitted(String id) {
        return states.get(id) == State.COMMITTED;
    }

    /** Ids of batches that started but did not finish. */
    public synchronized Set<String> pending() {
        Set<String> out = new TreeSet<>();
        states.forEach((id, s) -> {
            if (s == State.PENDING) out.add(id);
        });
        return out;
    }

    /** The number of committed ids. */
    public synchronized int committedCount() {
        return (int) states.values().stream().filter(s -> s == State.COMMITTED).count();
    }

    /** Records that {@code ids} are about to be written to the store. */
    public synchronized void begin(Collection<String> ids) {
        append('P', ids);
        ids.forEach(id -> states.put(id, State.PENDING));
    }

    /** Records that {@code ids} are in the store. */
    public synchronized void commit(Collection<String> ids) {
        append('C', ids);
        ids.forEach(id -> states.put(id, State.COMMITTED));
    }

    /** Records that {@code ids} were removed from the store (after an interrupted batch). */
    public synchronized void rollback(Collection<String> ids) {
        append('R', ids);
        ids.forEach(states::remove);
    }

    private void append(char kind, Collection<String> ids) {
        if (file == null || ids.isEmpty()) return;
        StringBuilder sb = new StringBuilder();
        for (String id : ids) {
            if (id.isEmpty() || id.indexOf('\n') >= 0) throw new IllegalArgumentException("bad chunk id '" + id + "'");
            sb.append(kind).append(' ').append(id).append('\n');
        }
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(java.nio.ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
                ch.force(false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write ingestion ledger " + file, e);
        }
    }
}
