package dev.catena.chains.yaml;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catena.core.component.ComponentType;
import dev.catena.core.component.Ref;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Map;

/**
 * Generates the JSON Schema (draft-07, which yaml-language-server and VS Code understand) of
 * Catena files from a {@link ComponentRegistry}: one definition per registered kind and type,
 * built from the spec records (field types, {@code @JsonProperty(required = true)},
 * {@code @JsonPropertyDescription}). Output is deterministic, so a test can compare it with the
 * committed {@code catena-v1.schema.json}.
 */
public final class SchemaGenerator {

    /** Where the committed schema lives in the chains module. */
    public static final String RESOURCE = "catena-v1.schema.json";
    /** The schema's id. */
    public static final String ID = "https://catena.dev/schema/catena-v1.schema.json";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_DEPTH = 8;

    private SchemaGenerator() {}

    /** The schema as pretty-printed JSON with '\n' line ends and a final newline. */
    public static String generate(ComponentRegistry registry) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return new ObjectMapper().writer(printer).writeValueAsString(schema(registry)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the schema: " + e.getMessage(), e);
        }
    }

    /** The schema as a tree. */
    public static ObjectNode schema(ComponentRegistry registry) {
        ObjectNode root = F.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$id", ID);
        root.put("title", "Catena file (" + Document.API_VERSION + ")");
        root.put("description", "A Catena declarative file: one component (kind Chain, Prompt, Model, ...) or a Bundle of them.");
        root.put("type", "object");
        root.putArray("required").add("apiVersion").add("kind");
        ObjectNode props = root.putObject("properties");
        props.set("apiVersion", apiVersion());
        ArrayNode kinds = props.putObject("kind").put("description", "What the file declares").putArray("enum");
        kinds.add("Bundle");
        registry.kinds().forEach(kinds::add);

        ObjectNode defs = root.putObject("definitions");
        defs.set("ref", refSchema());
        defs.set("include", includeSchema());
        ArrayNode allOf = root.putArray("allOf");
        allOf.add(when("kind", "Bundle", "#/definitions/Bundle"));

        ObjectNode bundle = defs.putObject("Bundle");
        bundle.put("description", "Several components, listed by kind in sections");
        bundle.put("type", "object");
        ObjectNode bundleProps = bundle.putObject("properties");
        bundleProps.set("apiVersion", apiVersion());
        bundleProps.putObject("kind").put("const", "Bundle");
        bundleProps.putObject("include").put("$ref", "#/definitions/include");
        bundle.put("additionalProperties", false);

        for (String kind : registry.kinds()) {
            Map<String, ComponentType<?, ?>> types = registry.types(kind);
            allOf.add(when("kind", kind, "#/definitions/" + kind + ".document"));
            bundleProps.putObject(ComponentRegistry.section(kind)).put("description", kind + " components")
                    .put("type", "array").putObject("items").put("$ref", "#/definitions/" + kind);
            defs.set(kind, byType(kind, types, ""));
            defs.set(kind + ".document", byType(kind, types, ".document"));
            for (ComponentType<?, ?> t : types.values()) {
                defs.set(kind + "." + t.type(), component(kind, t, false));
                defs.set(kind + "." + t.type() + ".document", component(kind, t, true));
            }
        }
        return root;
    }

    private static ObjectNode apiVersion() {
        ObjectNode n = F.objectNode();
        n.put("description", "The format version");
        n.put("const", Document.API_VERSION);
        return n;
    }

    private static ObjectNode refSchema() {
        ObjectNode n = F.objectNode();
        n.put("description", "A reference: {ref: <component of this file or an included one>} or {bean: <object the host application registered>}");
        n.put("type", "object");
        ObjectNode p = n.putObject("properties");
        p.putObject("ref").put("type", "string").put("description", "Name of a component of this file or an included file");
        p.putObject("bean").put("type", "string").put("description", "Name of an object the host application registered with the loader");
        n.put("additionalProperties", false);
        ArrayNode oneOf = n.putArray("oneOf");
        oneOf.addObject().putArray("required").add("ref");
        oneOf.addObject().putArray("required").add("bean");
        return n;
    }

    private static ObjectNode includeSchema() {
        ObjectNode n = F.objectNode();
        n.put("description", "Files whose components this file may reference, relative to this file; they may not leave the base directory");
        n.put("type", "array");
        n.putObject("items").put("type", "string");
        return n;
    }

    /** {"if": {"properties": {field: {"const": value}}, "required": [field]}, "then": {"$ref": ref}}. */
    private static ObjectNode when(String field, String value, String ref) {
        ObjectNode n = F.objectNode();
        ObjectNode cond = n.putObject("if");
        cond.putObject("properties").putObject(field).put("const", value);
        cond.putArray("required").add(field);
        n.putObject("then").put("$ref", ref);
        return n;
    }

    /** A component of {@code kind}: name and type, then the chosen type's fields. */
    private static ObjectNode byType(String kind, Map<String, ComponentType<?, ?>> types, String suffix) {
        ObjectNode n = F.objectNode();
        n.put("description", "A " + kind + " component");
        n.put("type", "object");
        n.putArray("required").add("name").add("type");
        ObjectNode p = n.putObject("properties");
        p.set("name", nameSchema());
        ObjectNode type = p.putObject("type").put("description", kind + " type");
        ArrayNode names = type.putArray("enum");
        types.keySet().forEach(names::add);
        ArrayNode allOf = n.putArray("allOf");
        for (String t : types.keySet()) allOf.add(when("type", t, "#/definitions/" + kind + "." + t + suffix));
        return n;
    }

    private static ObjectNode nameSchema() {
        ObjectNode n = F.objectNode();
        n.put("description", "Unique name that references use ({ref: name})");
        n.put("type", "string");
        n.put("pattern", "^[A-Za-z0-9][A-Za-z0-9_.-]*$");
        return n;
    }

    private static ObjectNode component(String kind, ComponentType<?, ?> t, boolean document) {
        ObjectNode n = F.objectNode();
        n.put("description", t.description());
        n.put("type", "object");
        ObjectNode p = n.putObject("properties");
        ArrayNode required = n.putArray("required").add("name").add("type");
        if (document) {
            p.set("apiVersion", apiVersion());
            p.putObject("kind").put("const", kind);
            p.putObject("include").put("$ref", "#/definitions/include");
        }
        p.set("name", nameSchema());
        p.putObject("type").put("const", t.type());
        fields(t.specClass(), p, required, 0);
        n.put("additionalProperties", false);
        return n;
    }

    private static void fields(Class<?> record, ObjectNode props, ArrayNode required, int depth) {
        for (RecordComponent rc : record.getRecordComponents()) {
            String name = SpecBinder.fieldName(rc);
            ObjectNode field = value(rc.getGenericType(), depth + 1);
            JsonPropertyDescription d = rc.getAccessor().getAnnotation(JsonPropertyDescription.class);
            if (d != null && !field.has("description")) {
                ObjectNode withDescription = F.objectNode().put("description", d.value());
                withDescription.setAll(field);
                field = withDescription;
            }
            props.set(name, field);
            if (SpecBinder.required(rc)) required.add(name);
        }
    }

    /** The schema of one value of Java type {@code type}. */
    private static ObjectNode value(Type type, int depth) {
        ObjectNode n = F.objectNode();
        if (depth > MAX_DEPTH) return n;
        if (type instanceof ParameterizedType pt && pt.getRawType() instanceof Class<?> raw) {
            Type[] args = pt.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                n.put("type", "array");
                n.set("items", value(args[0], depth + 1));
                return n;
            }
            if (Map.class.isAssignableFrom(raw)) {
                n.put("type", "object");
                n.set("additionalProperties", value(args[1], depth + 1));
                return n;
            }
            return value(raw, depth);
        }
        if (!(type instanceof Class<?> c)) return n;
        if (c == String.class || c == char.class || c == Character.class) n.put("type", "string");
        else if (c == int.class || c == Integer.class || c == long.class || c == Long.class || c == short.class || c == Short.class) n.put("type", "integer");
        else if (c == double.class || c == Double.class || c == float.class || c == Float.class) n.put("type", "number");
        else if (c == boolean.class || c == Boolean.class) n.put("type", "boolean");
        else if (c == Ref.class) n.put("$ref", "#/definitions/ref");
        else if (c.isEnum()) {
            n.put("type", "string");
            ArrayNode values = n.putArray("enum");
            for (Object constant : c.getEnumConstants()) values.add(enumName((Enum<?>) constant));
        } else if (c.isRecord()) {
            n.put("type", "object");
            ObjectNode props = n.putObject("properties");
            ArrayNode required = n.putArray("required");
            fields(c, props, required, depth);
            if (required.isEmpty()) n.remove("required");
            n.put("additionalProperties", false);
        } else if (c.isArray()) {
            n.put("type", "array");
            n.set("items", value(c.getComponentType(), depth + 1));
        } else if (Collection.class.isAssignableFrom(c)) {
            n.put("type", "array");
        } else if (Map.class.isAssignableFrom(c)) {
            n.put("type", "object");
        }
        // anything else (JsonNode, Object): any value
        return n;
    }

    /** The name files use for an enum constant: its {@code @JsonProperty} value, else the constant's name. */
    private static String enumName(Enum<?> constant) {
        try {
            com.fasterxml.jackson.annotation.JsonProperty p = constant.getDeclaringClass().getField(constant.name())
                    .getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
            return p != null && !p.value().isEmpty() ? p.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }
}
