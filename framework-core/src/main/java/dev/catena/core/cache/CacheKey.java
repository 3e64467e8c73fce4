package dev.catena.core.cache;

import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.model.chat.request.ChatRequest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The identity of a chat request for caching: a SHA-256 over a namespace (which model), the
 * messages (as LangChain4j's JSON) and every request parameter (model name, sampling settings,
 * stop sequences, tools, tool choice, response format). Two requests that differ in any of these
 * have different keys.
 *
 * @param hash lowercase hex SHA-256
 */
public record CacheKey(String hash) {

    public CacheKey {
        Objects.requireNonNull(hash, "hash");
        if (!hash.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("A cache key is 64 hex digits, got '" + hash + "'");
    }

    /** The key of {@code request} sent to the model identified by {@code namespace}. */
    public static CacheKey of(String namespace, ChatRequest request) {
        String canonical = namespace + "\n" + ChatMessageSerializer.messagesToJson(request.messages()) + "\n" + request.parameters();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return new CacheKey(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
