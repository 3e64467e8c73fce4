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
 * <p>Each id is recorded with the source it came from, so that chunks a changed document no longer
 * produces can be found and removed. {@link #open(Path)} keeps the ledger in an append-only text
 * file (one {@code P <id> <source>}, {@code C <id>} or {@code R <id>} line per event, synced on
 * every batch); {@link #inMemory()} keeps it for the life of the object.
 */
public final class IngestionLedger {

    private enum State { PENDING, COMMITTED }

    private record Entry(State state, String source) {
    }

    private final Path file;
    private final Map<String, Entry> states = new HashMap<>();

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
            String rest = line.substring(2);
            int space = rest.indexOf(' ');
            String id = space < 0 ? rest : rest.substring(0, space);
            switch (line.charAt(0)) {
                case 'P' -> states.put(id, new Entry(State.PENDING, space < 0 ? "" : rest.substring(space + 1)));
                case 'C' -> states.computeIfPresent(id, (k, e) -> new Entry(State.COMMITTED, e.source()));
                default -> states.remove(id);
            }
        }
    }

    /** Whether {@code id} was stored by a completed batch. */
    public synchronized boolean isCommitted(String id) {
        Entry e = states.get(id);
        return e != null && e.state() == State.COMMITTED;
    }

    /** Ids of batches that started but did not finish. */
    public synchronized Set<String> pending() {
        Set<String> out = new TreeSet<>();
        states.forEach((id, e) -> {
            if (e.state() == State.PENDING) out.add(id);
        });
        return out;
    }

    /** The number of committed ids. */
    public synchronized int committedCount() {
        return (int) states.values().stream().filter(e -> e.state() == State.COMMITTED).count();
    }

    /** Committed ids that came from {@code source}. */
    public synchronized Set<String> committedFrom(String source) {
        Set<String> out = new TreeSet<>();
        states.forEach((id, e) -> {
            if (e.state() == State.COMMITTED && e.source().equals(source)) out.add(id);
        });
        return out;
    }

    /** Records that {@code ids} (from {@code sources}, index by index) are about to be written to the store. */
    public synchronized void begin(List<String> ids, List<String> sources) {
        if (ids.size() != sources.size()) throw new IllegalArgumentException(ids.size() + " ids for " + sources.size() + " sources");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            String source = sources.get(i) == null ? "" : sources.get(i);
            if (source.indexOf('\n') >= 0 || source.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("source contains a line break: '" + source + "'");
            }
            sb.append('P').append(' ').append(checkId(ids.get(i))).append(' ').append(source).append('\n');
        }
        append(sb);
        for (int i = 0; i < ids.size(); i++) {
            states.put(ids.get(i), new Entry(State.PENDING, sources.get(i) == null ? "" : sources.get(i)));
        }
    }

    /** Records that {@code ids}, begun earlier, are in the store. */
    public synchronized void commit(Collection<String> ids) {
        for (String id : ids) {
            if (states.get(id) == null) throw new IllegalStateException("commit of chunk id '" + id + "' that was never begun");
        }
        append(lines('C', ids));
        ids.forEach(id -> states.computeIfPresent(id, (k, e) -> new Entry(State.COMMITTED, e.source())));
    }

    /** Records that {@code ids} were removed from the store (an interrupted batch, or chunks a document no longer has). */
    public synchronized void rollback(Collection<String> ids) {
        append(lines('R', ids));
        ids.forEach(states::remove);
    }

    private static String checkId(String id) {
        if (id.isEmpty() || id.indexOf(' ') >= 0 || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("bad chunk id '" + id + "': must be non-empty, without spaces or line breaks");
        }
        return id;
    }

    private static StringBuilder lines(char kind, Collection<String> ids) {
        StringBuilder sb = new StringBuilder();
        for (String id : ids) sb.append(kind).append(' ').append(checkId(id)).append('\n');
        return sb;
    }

    private void append(StringBuilder sb) {
        if (file == null || sb.isEmpty()) return;
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
