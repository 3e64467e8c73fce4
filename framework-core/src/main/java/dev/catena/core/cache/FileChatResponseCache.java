package dev.catena.core.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * A persistent cache: one JSON file per entry ({@code <key>.json}) in a directory, so entries
 * survive restarts and are shared by every instance over the same directory. Files are written to
 * a temporary name and moved into place, so a reader never sees half an entry. An unreadable entry
 * is an error naming its file.
 */
public final class FileChatResponseCache implements ChatResponseCache {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Path directory;

    public FileChatResponseCache(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create cache directory " + directory.toAbsolutePath() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<ChatResponse> get(CacheKey key) {
        Path file = fileOf(key);
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read cache entry " + file + ": " + e.getMessage(), e);
        }
        try {
            JsonNode node = MAPPER.readTree(json);
            ChatResponse.Builder b = ChatResponse.builder()
                    .aiMessage((AiMessage) ChatMessageDeserializer.messageFromJson(node.get("message").asText()));
            if (node.hasNonNull("modelName")) b.modelName(node.get("modelName").asText());
            if (node.hasNonNull("id")) b.id(node.get("id").asText());
            if (node.hasNonNull("finishReason")) b.finishReason(FinishReason.valueOf(node.get("finishReason").asText()));
            if (node.hasNonNull("inputTokens") || node.hasNonNull("outputTokens")) {
                b.tokenUsage(new TokenUsage(intOrNull(node, "inputTokens"), intOrNull(node, "outputTokens")));
            }
            return Optional.of(b.build());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Corrupt cache entry " + file + ": " + e.getMessage()
                    + " (delete the file to drop the entry)", e);
        }
    }

    @Override
    public void put(CacheKey key, ChatResponse response) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("message", ChatMessageSerializer.messageToJson(response.aiMessage()));
        node.put("modelName", response.modelName());
        node.put("id", response.id());
        if (response.finishReason() != null) node.put("finishReason", response.finishReason().name());
        if (response.tokenUsage() != null) {
            node.put("inputTokens", response.tokenUsage().inputTokenCount());
            node.put("outputTokens", response.tokenUsage().outputTokenCount());
        }
        Path file = fileOf(key);
        try {
            Path tmp = Files.createTempFile(directory, key.hash(), ".tmp");
            Files.writeString(tmp, MAPPER.writeValueAsString(node));
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write cache entry " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void clear() {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.json")) {
            for (Path f : files) Files.deleteIfExists(f);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear cache directory " + directory + ": " + e.getMessage(), e);
        }
    }

    private Path fileOf(CacheKey key) {
        return directory.resolve(key.hash() + ".json");
    }

    private static Integer intOrNull(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }
}
