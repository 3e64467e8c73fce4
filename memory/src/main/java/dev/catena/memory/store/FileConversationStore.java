package dev.catena.memory.store;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps each conversation in a JSON-lines file, one line per appended turn (a JSON array of
 * messages), so a turn is stored whole or not at all. {@link #append} returns only after the line
 * is forced to disk; a process killed mid-write leaves at most a torn last line, which
 * {@link #load} detects, skips with a warning and cuts off before the next append.
 */
public final class FileConversationStore implements ConversationStore {

    private static final Logger LOG = LoggerFactory.getLogger(FileConversationStore.class);
    private static final String SUFFIX = ".jsonl";

    private final Path directory;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    /** A store in {@code directory}, created if absent. */
    public FileConversationStore(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new ConversationStoreException("Cannot create conversation directory " + directory + ": " + e.getMessage(), e);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public List<ChatMessage> load(String conversationId) {
        synchronized (lock(conversationId)) {
            Path file = file(conversationId);
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return List.of();
            } catch (IOException e) {
                throw new ConversationStoreException("Cannot read conversation '" + conversationId + "' from " + file + ": " + e.getMessage(), e);
            }
            return parse(file, bytes).messages();
        }
    }

    @Override
    public void append(String conversationId, List<? extends ChatMessage> messages) {
        if (messages.isEmpty()) return;
        byte[] line = encode(messages);
        synchronized (lock(conversationId)) {
            Path file = file(conversationId);
            try {
                boolean existed = Files.exists(file);
                if (existed) truncateTornTail(file);
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                    ByteBuffer buf = ByteBuffer.wrap(line);
                    while (buf.hasRemaining()) ch.write(buf);
                    ch.force(true);
                }
                if (!existed) forceDirectory();
            } catch (IOException e) {
                throw new ConversationStoreException("Cannot append to conversation '" + conversationId + "' in " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void replace(String conversationId, List<? extends ChatMessage> messages) {
        synchronized (lock(conversationId)) {
            Path file = file(conversationId);
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try {
                byte[] content = messages.isEmpty() ? new byte[0] : encode(messages);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    ByteBuffer buf = ByteBuffer.wrap(content);
                    while (buf.hasRemaining()) ch.write(buf);
                    ch.force(true);
                }
                try {
                    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
                forceDirectory();
            } catch (IOException e) {
                throw new ConversationStoreException("Cannot rewrite conversation '" + conversationId + "' in " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void delete(String conversationId) {
        synchronized (lock(conversationId)) {
            try {
                Files.deleteIfExists(file(conversationId));
            } catch (IOException e) {
                throw new ConversationStoreException("Cannot delete conversation '" + conversationId + "': " + e.getMessage(), e);
            }
        }
    }

    @Override
    public Set<String> conversationIds() {
        Set<String> ids = new HashSet<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                String encoded = name.substring(0, name.length() - SUFFIX.length());
                try {
                    ids.add(new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    LOG.warn("Ignoring file {} in conversation directory {}: not a conversation file", name, directory);
                }
            }
        } catch (IOException e) {
            throw new ConversationStoreException("Cannot list conversation directory " + directory + ": " + e.getMessage(), e);
        }
        return ids;
    }

    @Override
    public Instant lastModified(String conversationId) {
        try {
            return Files.getLastModifiedTime(file(conversationId)).toInstant();
        } catch (IOException e) {
            return null;
        }
    }

    /** One turn as one line: a JSON array of messages (JSON escapes every line break inside strings). */
    private static byte[] encode(List<? extends ChatMessage> messages) {
        String json = ChatMessageSerializer.messagesToJson(List.copyOf(messages));
        if (json.indexOf('\n') >= 0) throw new IllegalStateException("serialized turn spans several lines");
        return (json + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private Object lock(String conversationId) {
        return locks.computeIfAbsent(conversationId, k -> new Object());
    }

    private Path file(String conversationId) {
        if (conversationId == null || conversationId.isEmpty()) {
            throw new IllegalArgumentException("conversationId must not be empty");
        }
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(conversationId.getBytes(StandardCharsets.UTF_8));
        return directory.resolve(encoded + SUFFIX);
    }

    private void forceDirectory() {
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some file systems cannot fsync a directory; the file itself was forced.
        }
    }

    /** Cuts a torn (unterminated or unparsable) last line so the next append starts on a clean line. */
    private void truncateTornTail(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Parsed parsed = parse(file, bytes);
        if (parsed.validLength() < bytes.length) {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                ch.truncate(parsed.validLength());
                ch.force(true);
            }
        }
    }

    private record Parsed(List<ChatMessage> messages, long validLength) {}

    private static Parsed parse(Path file, byte[] bytes) {
        List<ChatMessage> out = new ArrayList<>();
        int start = 0;
        int lineNo = 0;
        while (start < bytes.length) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') end++;
            lineNo++;
            boolean terminated = end < bytes.length;
            String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
            if (!line.isBlank()) {
                try {
                    if (!terminated) throw new IllegalArgumentException("line has no terminating newline");
                    out.addAll(ChatMessageDeserializer.messagesFromJson(line));
                } catch (RuntimeException e) {
                    if (!terminated || end + 1 >= bytes.length) {
                        LOG.warn("Skipping torn last line {} of {} ({} bytes): {}", lineNo, file, end - start, e.getMessage());
                        return new Parsed(out, start);
                    }
                    throw new ConversationStoreException(file + ":" + lineNo + ": corrupt turn in the middle of the file: " + e.getMessage(), e);
                }
            }
            start = end + 1;
        }
        return new Parsed(out, bytes.length);
    }
}
