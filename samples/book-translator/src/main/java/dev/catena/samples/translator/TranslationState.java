package dev.catena.samples.translator;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The finished chunks of a translation, one JSON line each, forced to disk after every chunk, so an
 * interrupted run resumes where it stopped. A torn last line (a run killed mid-write) is ignored.
 */
public final class TranslationState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Map<Integer, ChunkResult> done = new HashMap<>();

    private TranslationState(Path file) {
        this.file = file;
    }

    /** Opens (or starts) the state in {@code file}. */
    public static TranslationState open(Path file) {
        TranslationState state = new TranslationState(file);
        if (Files.exists(file)) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (String line : lines) {
                    if (line.isBlank()) continue;
                    try {
                        ChunkResult r = JSON.readValue(line, ChunkResult.class);
                        state.done.put(r.index(), r);
                    } catch (IOException torn) {
                        // an interrupted write; that chunk is translated again
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read translation state " + file + ": " + e.getMessage(), e);
            }
        }
        return state;
    }

    /** The stored result of chunk {@code index} if its source text is unchanged. */
    public ChunkResult find(int index, String sourceHash) {
        ChunkResult r = done.get(index);
        return r != null && r.sourceHash().equals(sourceHash) ? r : null;
    }

    /** Records a finished chunk durably. */
    public void save(ChunkResult result) {
        try {
            if (file.getParent() != null) Files.createDirectories(file.getParent());
            byte[] line = (JSON.writeValueAsString(result) + "\n").getBytes(StandardCharsets.UTF_8);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                ch.write(ByteBuffer.wrap(line));
                ch.force(true);
            }
            done.put(result.index(), result);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write translation state " + file + ": " + e.getMessage(), e);
        }
    }

    /** How many chunks are stored. */
    public int size() {
        return done.size();
    }
}
