package dev.catena.agents.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * The SDK's JSON mapper, telling {@code onMalformed} when a message from the server is not JSON.
 * The SDK's stdio transport stops reading at such a message; with this, pending requests fail at
 * once with the reason instead of waiting for their timeout.
 */
final class WatchingJsonMapper implements McpJsonMapper {

    private static final int SHOWN_CHARS = 200;

    private final McpJsonMapper delegate;
    private final Consumer<String> onMalformed;

    WatchingJsonMapper(McpJsonMapper delegate, Consumer<String> onMalformed) {
        this.delegate = delegate;
        this.onMalformed = onMalformed;
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        return watched(content, () -> delegate.readValue(content, type));
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        return watched(new String(content, StandardCharsets.UTF_8), () -> delegate.readValue(content, type));
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        return watched(content, () -> delegate.readValue(content, type));
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        return watched(new String(content, StandardCharsets.UTF_8), () -> delegate.readValue(content, type));
    }

    @Override
    public <T> T convertValue(Object from, Class<T> type) {
        return delegate.convertValue(from, type);
    }

    @Override
    public <T> T convertValue(Object from, TypeRef<T> type) {
        return delegate.convertValue(from, type);
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return delegate.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return delegate.writeValueAsBytes(value);
    }

    /** A parse of the delegate; a failure is reported to {@code onMalformed} and rethrown. */
    private <T> T watched(String content, Read<T> read) throws IOException {
        try {
            return read.read();
        } catch (IOException e) {
            String shown = content.length() <= SHOWN_CHARS ? content : content.substring(0, SHOWN_CHARS) + "...";
            onMalformed.accept("sent a message that is not JSON: '" + shown.strip() + "'");
            throw e;
        }
    }

    @FunctionalInterface
    private interface Read<T> {
        T read() throws IOException;
    }
}
