package dev.catena.retrievers.ingest;

import dev.catena.retrievers.loader.MetadataKeys;
import dev.langchain4j.data.segment.TextSegment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * Content-derived chunk ids: the SHA-256 of a chunk's source, page, offsets and text. The same
 * chunk of the same document always gets the same id, so re-ingesting it is recognised.
 */
public final class ChunkIds {

    private ChunkIds() {
    }

    /** The hex SHA-256 of the chunk's identity. */
    public static String contentHash(TextSegment segment) {
        var m = segment.metadata();
        String identity = String.join("\u0000",
                String.valueOf(m.getString(MetadataKeys.SOURCE)),
                String.valueOf(m.getInteger(MetadataKeys.PAGE)),
                String.valueOf(m.getInteger(MetadataKeys.START_OFFSET)),
                String.valueOf(m.getInteger(MetadataKeys.END_OFFSET)),
                segment.text());
        return HexFormat.of().formatHex(sha256(identity));
    }

    /** A UUID-shaped id made of the first 16 bytes of {@code contentHash} (accepted by every store). */
    public static String idOf(String contentHash) {
        ByteBuffer b = ByteBuffer.wrap(HexFormat.of().parseHex(contentHash, 0, 32));
        return new UUID(b.getLong(), b.getLong()).toString();
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
