package dev.catena.chains.yaml;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one YAML document into a Jackson tree plus the position of every key, with hard limits so
 * that hostile input fails fast: file size, code points, nesting depth, alias count and the number
 * of nodes after alias expansion (billion laughs). Only plain data is accepted: no tags, no merge
 * keys, no duplicate keys, one document. YAML 1.1 booleans such as {@code yes}/{@code on} stay text.
 */
final class YamlReader {

    /** Largest file read, in bytes. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;
    /** Deepest nesting of collections. */
    static final int MAX_DEPTH = 40;
    /** Most aliases one document may use. */
    static final int MAX_ALIASES = 50;
    /** Most nodes after expanding aliases. */
    static final int MAX_NODES = 200_000;

    private static final Pattern BOOL = Pattern.compile("^(?:true|True|TRUE|false|False|FALSE)$");

    /** The parsed document and the position of each key path. */
    record Parsed(JsonNode root, Map<String, Position> positions) {
        Position at(String path) {
            String p = path;
            while (true) {
                Position pos = positions.get(p);
                if (pos != null) return pos;
                if (p.isEmpty()) return Position.UNKNOWN;
                int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
                p = cut <= 0 ? "" : p.substring(0, cut);
            }
        }
    }

    private YamlReader() {}

    static Parsed read(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new CatenaFileException(new FileError(file, 0, 0, "", "cannot read file: " + e.getMessage()));
        }
        if (size > MAX_FILE_BYTES) {
            throw new CatenaFileException(new FileError(file, 0, 0, "",
                    "file is " + size + " bytes; the limit is " + MAX_FILE_BYTES + " bytes"));
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CatenaFileException(new FileError(file, 0, 0, "", "cannot read file as UTF-8 text: " + e.getMessage()));
        }
        return parse(file, text);
    }

    static Parsed parse(Path file, String text) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        options.setMergeOnCompose(false);
        options.setTagInspector(tag -> false);
        Yaml yaml = new Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(options),
                new org.yaml.snakeyaml.representer.Representer(new org.yaml.snakeyaml.DumperOptions()),
                new org.yaml.snakeyaml.DumperOptions(), options, new PlainResolver());
        Node root;
        try {
            Iterator<Node> docs = yaml.composeAll(new StringReader(text)).iterator();
            if (!docs.hasNext()) throw new CatenaFileException(new FileError(file, 1, 1, "", "the file is empty; expected a YAML mapping with apiVersion and kind"));
            root = docs.next();
            if (root == null) throw new CatenaFileException(new FileError(file, 1, 1, "", "the file is empty; expected a YAML mapping with apiVersion and kind"));
            if (docs.hasNext()) {
                Node second = docs.next();
                Position p = second == null ? Position.UNKNOWN : pos(second.getStartMark());
                throw new CatenaFileException(new FileError(file, p.line(), p.column(), "",
                        "more than one YAML document; put one document in each file"));
            }
        } catch (MarkedYAMLException e) {
            Mark m = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            Position p = m == null ? Position.UNKNOWN : pos(m);
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            if (e.getContext() != null) what = e.getContext() + ": " + what;
            throw new CatenaFileException(new FileError(file, p.line(), p.column(), "", "YAML syntax error: " + oneLine(what)));
        } catch (YAMLException e) {
            Position p = e.getMessage() != null && e.getMessage().startsWith("Nesting Depth exceeded") ? tooDeep(text) : Position.UNKNOWN;
            throw new CatenaFileException(new FileError(file, p.line(), p.column(), "", "YAML error: " + oneLine(e.getMessage())));
        } catch (IllegalArgumentException e) {
            // SnakeYAML rejects some malformed input (e.g. a tag with spaces) this way; found by fuzzing
            throw new CatenaFileException(new FileError(file, 0, 0, "", "YAML error: " + oneLine(e.getMessage())));
        }
        Converter converter = new Converter(file);
        JsonNode tree = converter.convert(root, "", 0);
        return new Parsed(tree, converter.positions);
    }

    /**
     * Where nesting first exceeds {@link #MAX_DEPTH}: SnakeYAML's composer reports the limit without
     * a position, so the events (a flat stream, no recursion) are walked again to find it.
     */
    private static Position tooDeep(String text) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        int depth = 0;
        try {
            for (Event event : new Yaml(options).parse(new StringReader(text))) {
                if (event instanceof CollectionStartEvent && ++depth > MAX_DEPTH) return pos(event.getStartMark());
                if (event instanceof CollectionEndEvent) depth--;
            }
        } catch (YAMLException e) {
            // the position stays unknown
        }
        return Position.UNKNOWN;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ").trim();
    }

    static Position pos(Mark mark) {
        return new Position(mark.getLine() + 1, mark.getColumn() + 1);
    }

    /** Turns composed nodes into a Jackson tree, counting expanded nodes and recording key positions. */
    private static final class Converter {
        private final Path file;
        private final Map<String, Position> positions = new LinkedHashMap<>();
        private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
        private int nodes;

        Converter(Path file) {
            this.file = file;
        }

        JsonNode convert(Node node, String path, int depth) {
            if (++nodes > MAX_NODES) {
                Position p = pos(node.getStartMark());
                throw new CatenaFileException(new FileError(file, p.line(), p.column(), path,
                        "document expands to more than " + MAX_NODES + " nodes (alias/anchor expansion bomb?)"));
            }
            if (depth > MAX_DEPTH) {
                Position p = pos(node.getStartMark());
                throw new CatenaFileException(new FileError(file, p.line(), p.column(), path,
                        "nesting deeper than " + MAX_DEPTH + " levels"));
            }
            positions.putIfAbsent(path, pos(node.getStartMark()));
            if (onPath.put(node, Boolean.TRUE) != null) {
                Position p = pos(node.getStartMark());
                throw new CatenaFileException(new FileError(file, p.line(), p.column(), path, "recursive alias"));
            }
            try {
                return switch (node) {
                    case ScalarNode s -> scalar(s, path);
                    case SequenceNode s -> sequence(s, path, depth);
                    case MappingNode m -> mapping(m, path, depth);
                    default -> throw error(node, path, "unsupported YAML node " + node.getNodeId());
                };
            } finally {
                onPath.remove(node);
            }
        }

        private JsonNode sequence(SequenceNode s, String path, int depth) {
            checkTag(s, Tag.SEQ, path);
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            List<Node> items = s.getValue();
            for (int i = 0; i < items.size(); i++) array.add(convert(items.get(i), path + "[" + i + "]", depth + 1));
            return array;
        }

        private JsonNode mapping(MappingNode m, String path, int depth) {
            checkTag(m, Tag.MAP, path);
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (NodeTuple t : m.getValue()) {
                if (!(t.getKeyNode() instanceof ScalarNode key) || !(key.getTag().equals(Tag.STR) || key.getTag().equals(Tag.INT))) {
                    throw error(t.getKeyNode(), path, "keys must be plain strings");
                }
                String name = key.getValue();
                String child = path.isEmpty() ? name : path + "." + name;
                if (object.has(name)) throw error(key, child, "duplicate key '" + name + "'");
                positions.put(child, pos(key.getStartMark()));
                object.set(name, convert(t.getValueNode(), child, depth + 1));
            }
            return object;
        }

        private JsonNode scalar(ScalarNode s, String path) {
            String v = s.getValue();
            JsonNodeFactory f = JsonNodeFactory.instance;
            Tag tag = s.getTag();
            if (tag.equals(Tag.STR)) return f.textNode(v);
            if (tag.equals(Tag.NULL)) return f.nullNode();
            if (tag.equals(Tag.BOOL)) return f.booleanNode(Boolean.parseBoolean(v.toLowerCase()));
            if (tag.equals(Tag.INT)) {
                String digits = v.replace("_", "");
                try {
                    if (digits.startsWith("0x") || digits.startsWith("0X")) return f.numberNode(new BigInteger(digits.substring(2), 16));
                    BigInteger big = new BigInteger(digits);
                    if (big.bitLength() < 32) return f.numberNode(big.intValue());
                    if (big.bitLength() < 64) return f.numberNode(big.longValue());
                    return f.numberNode(big);
                } catch (NumberFormatException e) {
                    return f.textNode(v);
                }
            }
            if (tag.equals(Tag.FLOAT)) {
                String d = v.replace("_", "").toLowerCase();
                if (d.endsWith(".inf")) return f.numberNode(d.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY);
                if (d.equals(".nan")) return f.numberNode(Double.NaN);
                try {
                    return f.numberNode(Double.parseDouble(d));
                } catch (NumberFormatException e) {
                    return f.textNode(v);
                }
            }
            throw error(s, path, "YAML tags are not allowed (found " + tag.getValue() + "); write plain values");
        }

        private void checkTag(Node node, Tag expected, String path) {
            if (!node.getTag().equals(expected)) {
                throw error(node, path, "YAML tags are not allowed (found " + node.getTag().getValue() + "); write plain values");
            }
        }

        private CatenaFileException error(Node node, String path, String message) {
            Position p = pos(node.getStartMark());
            return new CatenaFileException(new FileError(file, p.line(), p.column(), path, message));
        }
    }

    /** YAML 1.2-like implicit typing: only true/false are booleans; no timestamps, no merge keys. */
    private static final class PlainResolver extends Resolver {
        @Override
        protected void addImplicitResolvers() {
            addImplicitResolver(Tag.BOOL, BOOL, "tfTF");
            addImplicitResolver(Tag.INT, INT, "-+0123456789");
            addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
            addImplicitResolver(Tag.NULL, NULL, "~nN\0");
            addImplicitResolver(Tag.NULL, EMPTY, null);
        }
    }
}
