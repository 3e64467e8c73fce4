package dev.catena.agents.mcp;

import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.List;

/**
 * MCP content as text for a model: text as it is, images, audio and binary resources described
 * by type and size (their bytes are not text a model can read), resource links by URI.
 */
final class ContentText {

    private ContentText() {}

    /** A tool result's content, or its structured content when it has no content blocks. */
    static String of(McpSchema.CallToolResult result) {
        List<String> parts = new ArrayList<>();
        if (result.content() != null) for (McpSchema.Content c : result.content()) parts.add(of(c));
        if (parts.isEmpty() && result.structuredContent() != null) parts.add(McpConnection.json(result.structuredContent()));
        return String.join("\n", parts);
    }

    static String of(McpSchema.Content content) {
        return switch (content) {
            case McpSchema.TextContent t -> t.text() == null ? "" : t.text();
            case McpSchema.ImageContent i -> "[image " + i.mimeType() + ", " + base64Bytes(i.data()) + " bytes]";
            case McpSchema.AudioContent a -> "[audio " + a.mimeType() + ", " + base64Bytes(a.data()) + " bytes]";
            case McpSchema.EmbeddedResource r -> of(r.resource());
            case McpSchema.ResourceLink l -> "[resource " + l.uri() + (l.name() == null ? "" : " (" + l.name() + ")")
                    + (l.description() == null ? "" : ": " + l.description()) + "]";
            default -> "[" + content.type() + " content]";
        };
    }

    static String of(McpSchema.ResourceContents contents) {
        return switch (contents) {
            case McpSchema.TextResourceContents t -> t.text() == null ? "" : t.text();
            case McpSchema.BlobResourceContents b -> "[binary resource " + b.uri() + ", " + b.mimeType() + ", " + base64Bytes(b.blob()) + " bytes]";
            default -> "[resource " + contents.uri() + "]";
        };
    }

    private static long base64Bytes(String data) {
        if (data == null) return 0;
        int padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
        return Math.max(0, data.length() * 3L / 4 - padding);
    }
}
