package dev.catena.llm.constraint.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.catena.llm.constraint.grammar.CodePointSet;
import dev.catena.llm.constraint.grammar.Expr;
import dev.catena.llm.constraint.grammar.Grammar;
import dev.catena.llm.constraint.regex.RegexParser;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a JSON Schema to the grammar of the JSON texts that validate against it. Supported: {@code type} (one or
 * a list), {@code properties} in their declared order with {@code required} ones always present and the others
 * optional, {@code additionalProperties} (a schema, for maps), {@code items}, {@code minItems}, {@code maxItems},
 * {@code enum}, {@code const}, {@code anyOf}, {@code oneOf}, a one-element {@code allOf}, {@code $ref} to
 * {@code #}, {@code #/$defs/...} or {@code #/definitions/...}, {@code minLength}, {@code maxLength},
 * {@code pattern}, {@code format} (date, time, date-time, uuid) and the annotations (title, description...).
 * Any other keyword is refused with its path. Objects never get undeclared properties; whitespace between tokens
 * is limited to a space or newlines with up to 20 indentation characters, and numbers to 16 digits, so that a
 * model cannot run on forever inside a valid document.
 */
public final class JsonSchemaGrammar {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ANNOTATIONS = Set.of("title", "description", "$schema", "$id", "$comment",
            "examples", "default", "deprecated", "readOnly", "writeOnly", "$defs", "definitions");
    private static final Set<String> SUPPORTED = Set.of("type", "properties", "required", "additionalProperties",
            "items", "minItems", "maxItems", "enum", "const", "anyOf", "oneOf", "allOf", "$ref", "minLength",
            "maxLength", "pattern", "format");

    private final JsonNode root;
    private final String prefix;
    private final Map<String, Expr> rules = new LinkedHashMap<>();

    private JsonSchemaGrammar(JsonNode root, String prefix) {
        this.root = root;
        this.prefix = prefix;
    }

    /**
     * The grammar of JSON values valid against {@code schema}.
     *
     * @throws UnsupportedSchemaException for a keyword it cannot enforce, naming the keyword and its JSON path
     */
    public static Grammar compile(JsonNode schema) {
        return Grammar.of(rules(schema), "root");
    }

    /** Parses the schema text and compiles it; malformed JSON is an {@link IllegalArgumentException}. */
    public static Grammar compile(String schema) {
        try {
            return compile(JSON.readTree(schema));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("JSON Schema is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The rules of the schema's grammar, its start rule named {@code root}. */
    public static Map<String, Expr> rules(JsonNode schema) {
        return rules(schema, "");
    }

    /**
     * The rules of the schema's grammar with every rule name prefixed (to combine several schemas in one grammar);
     * the start rule is {@code prefix + "root"}.
     */
    public static Map<String, Expr> rules(JsonNode schema, String prefix) {
        JsonSchemaGrammar g = new JsonSchemaGrammar(schema, prefix);
        g.rules.put(prefix + "root", Expr.empty()); // reserve the name and the first place
        g.rules.put(prefix + "root", g.schema(schema, ""));
        return g.rules;
    }

    /** The grammar of any JSON object (JSON mode without a schema). */
    public static Grammar anyObject() {
        return Grammar.of(rules(JSON.createObjectNode().put("type", "object")), "root");
    }

    private Expr schema(JsonNode s, String path) {
        if (s.isBoolean()) {
            if (!s.booleanValue()) {
                throw new UnsupportedSchemaException("false", path, "a schema that rejects every value");
            }
            return shared("value");
        }
        if (!s.isObject()) {
            throw new IllegalArgumentException("JSON Schema at " + (path.isEmpty() ? "/" : path)
                    + " is not an object or boolean: " + s);
        }
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!SUPPORTED.contains(k) && !ANNOTATIONS.contains(k)) {
                throw new UnsupportedSchemaException(k, path, null);
            }
        }
        if (s.has("$ref")) {
            return reference(s.get("$ref").asText(), path);
        }
        if (s.has("const")) {
            return literal(s.get("const"));
        }
        if (s.has("enum")) {
            List<Expr> values = new ArrayList<>();
            s.get("enum").forEach(v -> values.add(literal(v)));
            if (values.isEmpty()) {
                throw new UnsupportedSchemaException("enum", path, "an empty enum allows no value");
            }
            return values.size() == 1 ? values.getFirst() : new Expr.Alt(values);
        }
        for (String k : List.of("anyOf", "oneOf", "allOf")) {
            if (s.has(k)) {
                JsonNode list = s.get(k);
                if (!list.isArray() || list.isEmpty()) {
                    throw new UnsupportedSchemaException(k, path, "must be a non-empty array");
                }
                if (k.equals("allOf") && list.size() != 1) {
                    throw new UnsupportedSchemaException(k, path, "only a one-element allOf can be enforced");
                }
                List<Expr> choices = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    choices.add(schema(list.get(i), path + "/" + k + "/" + i));
                }
                return choices.size() == 1 ? choices.getFirst() : new Expr.Alt(choices);
            }
        }
        JsonNode type = s.get("type");
        if (type == null) {
            if (s.has("properties") || s.has("additionalProperties") || s.has("required")) {
                return object(s, path);
            }
            if (s.has("items")) {
                return array(s, path);
            }
            return shared("value");
        }
        if (type.isArray()) {
            List<Expr> choices = new ArrayList<>();
            for (JsonNode t : type) {
                choices.add(typed(t.asText(), s, path));
            }
            return choices.size() == 1 ? choices.getFirst() : new Expr.Alt(choices);
        }
        return typed(type.asText(), s, path);
    }

    private Expr typed(String type, JsonNode s, String path) {
        return switch (type) {
            case "object" -> object(s, path);
            case "array" -> array(s, path);
            case "string" -> string(s, path);
            case "integer" -> shared("integer");
            case "number" -> shared("number");
            case "boolean" -> shared("boolean");
            case "null" -> Expr.literal("null");
            default -> throw new UnsupportedSchemaException("type", path, "unknown type '" + type + "'");
        };
    }

    private Expr reference(String ref, String path) {
        String name;
        JsonNode target;
        if (ref.equals("#")) {
            return Expr.ref(prefix + "root");
        } else if (ref.startsWith("#/$defs/") || ref.startsWith("#/definitions/")) {
            String container = ref.startsWith("#/$defs/") ? "$defs" : "definitions";
            String key = ref.substring(container.length() + 3).replace("~1", "/").replace("~0", "~");
            target = root.path(container).get(key);
            if (target == null) {
                throw new IllegalArgumentException("JSON Schema $ref '" + ref + "' at "
                        + (path.isEmpty() ? "/" : path) + " points to nothing");
            }
            name = prefix + "def-" + key.replaceAll("[^A-Za-z0-9-]", "-") + "-" + Integer.toHexString(key.hashCode());
            if (!rules.containsKey(name)) {
                rules.put(name, Expr.empty());
                rules.put(name, schema(target, "/" + container + "/" + key));
            }
            return Expr.ref(name);
        }
        throw new UnsupportedSchemaException("$ref", path, "only '#', '#/$defs/...' and '#/definitions/...' are supported");
    }

    private Expr object(JsonNode s, String path) {
        JsonNode props = s.path("properties");
        Set<String> required = new LinkedHashSet<>();
        s.path("required").forEach(r -> required.add(r.asText()));
        for (String r : required) {
            if (!props.has(r)) {
                throw new UnsupportedSchemaException("required", path, "required property '" + r
                        + "' is not declared in properties");
            }
        }
        JsonNode additional = s.get("additionalProperties");
        if (props.isEmpty()) {
            if (additional != null && additional.isObject()) { // a map: any keys, values of one schema
                Expr value = schema(additional, path + "/additionalProperties");
                Expr member = Expr.seq(shared("string"), ws(), Expr.literal(":"), ws(), value, ws());
                return Expr.seq(Expr.literal("{"), ws(), Expr.optional(Expr.seq(member,
                        new Expr.Repeat(Expr.seq(Expr.literal(","), ws(), member), 0, -1))), Expr.literal("}"));
            }
            if (additional != null && additional.isBoolean() && !additional.booleanValue()) {
                return Expr.seq(Expr.literal("{"), ws(), Expr.literal("}"));
            }
            return shared("object");
        }
        List<String> names = new ArrayList<>();
        List<Expr> members = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = props.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            names.add(e.getKey());
            members.add(Expr.seq(literal(JSON.getNodeFactory().textNode(e.getKey())), ws(), Expr.literal(":"), ws(),
                    schema(e.getValue(), path + "/properties/" + pointer(e.getKey())), ws()));
        }
        // first(i): members i.. when none was written yet; rest(i): members i.. after one (each starts with ",")
        int n = names.size();
        Expr rest = Expr.empty();
        Expr first = Expr.empty();
        for (int i = n - 1; i >= 0; i--) {
            boolean req = required.contains(names.get(i));
            Expr withComma = Expr.seq(Expr.literal(","), ws(), members.get(i), rest);
            Expr newRest = req ? withComma : Expr.alt(withComma, rest);
            Expr asFirst = Expr.seq(members.get(i), rest);
            first = req ? asFirst : Expr.alt(asFirst, first);
            rest = newRest;
        }
        return Expr.seq(Expr.literal("{"), ws(), first, Expr.literal("}"));
    }

    private Expr array(JsonNode s, String path) {
        JsonNode items = s.get("items");
        if (items != null && items.isArray()) {
            throw new UnsupportedSchemaException("items", path, "tuple arrays (items as a list) are not supported");
        }
        Expr item = items == null ? shared("value") : schema(items, path + "/items");
        int min = s.path("minItems").asInt(0);
        int max = s.has("maxItems") ? s.get("maxItems").asInt() : -1;
        if (max != -1 && max < min) {
            throw new UnsupportedSchemaException("maxItems", path, "maxItems " + max + " is below minItems " + min);
        }
        if (max == 0) {
            return Expr.seq(Expr.literal("["), ws(), Expr.literal("]"));
        }
        Expr elements = Expr.seq(item, ws(), new Expr.Repeat(Expr.seq(Expr.literal(","), ws(), item, ws()),
                Math.max(min - 1, 0), max == -1 ? -1 : max - 1));
        return Expr.seq(Expr.literal("["), ws(), min == 0 ? Expr.optional(elements) : elements, Expr.literal("]"));
    }

    private Expr string(JsonNode s, String path) {
        if (s.has("format")) {
            String format = s.get("format").asText();
            String regex = switch (format) {
                case "date" -> "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
                case "time" -> "([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})?";
                case "date-time" -> "[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]"
                        + ":[0-5][0-9](\\.[0-9]{1,9})?(Z|[+-][0-9]{2}:[0-9]{2})";
                case "uuid" -> "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";
                default -> throw new UnsupportedSchemaException("format", path, "format '" + format
                        + "' is not supported (date, time, date-time, uuid are)");
            };
            if (s.has("pattern") || s.has("minLength") || s.has("maxLength")) {
                throw new UnsupportedSchemaException("format", path, "format cannot be combined with pattern or lengths");
            }
            return Expr.seq(Expr.literal("\""), JsonStringContent.of(RegexParser.parse(regex)), Expr.literal("\""));
        }
        if (s.has("pattern")) {
            if (s.has("minLength") || s.has("maxLength")) {
                throw new UnsupportedSchemaException("pattern", path, "pattern cannot be combined with minLength or maxLength");
            }
            String pattern = s.get("pattern").asText();
            Expr any = new Expr.Repeat(new CodePointSet().add(0, Character.MAX_CODE_POINT).toExpr(), 0, -1);
            boolean startAnchored = pattern.startsWith("^");
            boolean endAnchored = pattern.endsWith("$") && !pattern.endsWith("\\$");
            Expr body;
            try {
                body = RegexParser.parse(pattern);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedSchemaException("pattern", path, e.getMessage());
            }
            List<Expr> parts = new ArrayList<>();
            if (!startAnchored) {
                parts.add(any);
            }
            parts.add(body);
            if (!endAnchored) {
                parts.add(any);
            }
            return Expr.seq(Expr.literal("\""), JsonStringContent.of(new Expr.Seq(parts)), Expr.literal("\""));
        }
        int min = s.path("minLength").asInt(0);
        int max = s.has("maxLength") ? s.get("maxLength").asInt() : -1;
        if (max != -1 && max < min) {
            throw new UnsupportedSchemaException("maxLength", path, "maxLength " + max + " is below minLength " + min);
        }
        if (min == 0 && max == -1) {
            return shared("string");
        }
        return Expr.seq(Expr.literal("\""), new Expr.Repeat(shared("char"), min, max), Expr.literal("\""));
    }

    private static Expr literal(JsonNode value) {
        try {
            return Expr.literal(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Expr ws() {
        return shared("ws");
    }

    /** A reference to one of the shared rules, defined on first use. */
    private Expr shared(String name) {
        if (!rules.containsKey(prefix + name)) {
            rules.put(prefix + name, Expr.empty());
            rules.put(prefix + name, definition(name));
        }
        return Expr.ref(prefix + name);
    }

    private Expr definition(String name) {
        return switch (name) {
            case "ws" -> Expr.alt(Expr.empty(), Expr.literal(" "), Expr.seq(new Expr.Repeat(Expr.literal("\n"), 1, 2),
                    new Expr.Repeat(new CodePointSet().add(' ').add('\t').toExpr(), 0, 20)));
            case "char" -> JsonStringContent.CHAR;
            case "string" -> Expr.seq(Expr.literal("\""), new Expr.Repeat(shared("char"), 0, -1), Expr.literal("\""));
            case "integer" -> Expr.seq(Expr.optional(Expr.literal("-")), Expr.alt(Expr.literal("0"),
                    Expr.seq(new CodePointSet().add('1', '9').toExpr(), new Expr.Repeat(digit(), 0, 15))));
            case "number" -> Expr.seq(shared("integer"),
                    Expr.optional(Expr.seq(Expr.literal("."), new Expr.Repeat(digit(), 1, 16))),
                    Expr.optional(Expr.seq(new CodePointSet().add('e').add('E').toExpr(),
                            Expr.optional(new CodePointSet().add('-').add('+').toExpr()), new Expr.Repeat(digit(), 1, 3))));
            case "boolean" -> Expr.alt(Expr.literal("true"), Expr.literal("false"));
            case "value" -> Expr.alt(shared("object"), shared("array"), shared("string"), shared("number"),
                    shared("boolean"), Expr.literal("null"));
            case "object" -> {
                Expr member = Expr.seq(shared("string"), ws(), Expr.literal(":"), ws(), shared("value"), ws());
                yield Expr.seq(Expr.literal("{"), ws(), Expr.optional(Expr.seq(member,
                        new Expr.Repeat(Expr.seq(Expr.literal(","), ws(), member), 0, -1))), Expr.literal("}"));
            }
            case "array" -> {
                Expr element = Expr.seq(shared("value"), ws());
                yield Expr.seq(Expr.literal("["), ws(), Expr.optional(Expr.seq(element,
                        new Expr.Repeat(Expr.seq(Expr.literal(","), ws(), element), 0, -1))), Expr.literal("]"));
            }
            default -> throw new IllegalArgumentException(name);
        };
    }

    private static Expr digit() {
        return new CodePointSet().add('0', '9').toExpr();
    }

    private static String pointer(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }
}
