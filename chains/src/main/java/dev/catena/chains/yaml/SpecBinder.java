package dev.catena.chains.yaml;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Binds a component's fields to its spec record strictly: every unknown and every missing
 * required field is reported (not just the first), then values are bound without coercion
 * ({@code "42"} is not an int, {@code 1} is not a string).
 */
final class SpecBinder {

    /** The mapper used for specs, both ways. */
    static final ObjectMapper MAPPER = strictMapper();

    /** A problem at a key path relative to the component. */
    record Problem(String path, String message) {}

    private SpecBinder() {}

    private static ObjectMapper strictMapper() {
        JsonMapper m = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(MapperFeature.CAN_OVERRIDE_ACCESS_MODIFIERS)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
                .serializationInclusion(JsonInclude.Include.NON_NULL)
                .build();
        for (LogicalType t : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean, LogicalType.Enum)) {
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
            m.coercionConfigFor(t).setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean)) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        m.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        return m;
    }

    /** Binds {@code fields} (the component's keys minus the reserved ones) or adds problems and returns null. */
    static Object bind(Class<?> specClass, JsonNode fields, List<Problem> problems) {
        Set<String> allowed = new LinkedHashSet<>();
        List<String> required = new ArrayList<>();
        for (RecordComponent rc : specClass.getRecordComponents()) {
            JsonProperty p = property(rc);
            String name = fieldName(rc);
            allowed.add(name);
            if (p != null && p.required()) required.add(name);
        }
        int before = problems.size();
        for (Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!allowed.contains(f)) {
                problems.add(new Problem(f, "unknown field '" + f + "' (allowed: " + list(allowed) + ")"));
            }
        }
        for (String r : required) {
            if (!fields.has(r) || fields.get(r).isNull()) problems.add(new Problem("", "missing required field '" + r + "'"));
        }
        if (problems.size() > before) return null;
        try {
            return MAPPER.treeToValue(fields, specClass);
        } catch (JsonMappingException e) {
            List<Problem> perField = fieldProblems(specClass, fields);
            problems.addAll(perField.isEmpty() ? List.of(describe(e, fields)) : perField);
            return null;
        } catch (RuntimeException | java.io.IOException e) {
            problems.add(new Problem("", "invalid value: " + e.getMessage()));
            return null;
        }
    }

    /**
     * Binds each given field on its own, so that every field with a wrong value is reported, not
     * only the first one Jackson meets. Empty when each field binds (the error is then the
     * record's own validation).
     */
    private static List<Problem> fieldProblems(Class<?> specClass, JsonNode fields) {
        List<Problem> out = new ArrayList<>();
        for (RecordComponent rc : specClass.getRecordComponents()) {
            String name = fieldName(rc);
            JsonNode value = fields.get(name);
            if (value == null || value.isNull()) continue;
            try {
                MAPPER.readerFor(MAPPER.getTypeFactory().constructType(rc.getGenericType())).readValue(value);
            } catch (JsonMappingException e) {
                Problem p = describe(e, value);
                out.add(new Problem(p.path().isEmpty() ? name : p.path().startsWith("[") ? name + p.path() : name + "." + p.path(), p.message()));
            } catch (java.io.IOException | RuntimeException e) {
                out.add(new Problem(name, "invalid value: " + e.getMessage()));
            }
        }
        return out;
    }

    /** The name a file uses for a spec field: its {@code @JsonProperty} value, else the component name. */
    static String fieldName(RecordComponent rc) {
        JsonProperty p = property(rc);
        return p != null && !p.value().isEmpty() ? p.value() : rc.getName();
    }

    /**
     * The {@code @JsonProperty} of a spec field. Jackson's annotations do not target record
     * components, so Java puts them on the accessor (and constructor parameter), not the component.
     */
    static JsonProperty property(RecordComponent rc) {
        JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
        return p != null ? p : rc.getAnnotation(JsonProperty.class);
    }

    /** True when the spec field is {@code @JsonProperty(required = true)}. */
    static boolean required(RecordComponent rc) {
        JsonProperty p = property(rc);
        return p != null && p.required();
    }

    private static Problem describe(JsonMappingException e, JsonNode fields) {
        StringBuilder path = new StringBuilder();
        JsonNode node = fields;
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!path.isEmpty()) path.append('.');
                path.append(r.getFieldName());
                node = node == null ? null : node.get(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
                node = node == null ? null : node.get(r.getIndex());
            }
        }
        String message = switch (e) {
            case UnrecognizedPropertyException u -> "unknown field '" + u.getPropertyName() + "' (allowed: "
                    + list(u.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")";
            case ValueInstantiationException v -> "invalid value: " + rootMessage(v);
            case InvalidFormatException f -> "wrong value type: expected " + expected(f.getTargetType()) + ", got " + describe(node);
            case MismatchedInputException m when m.getMessage().startsWith("Missing required creator property") ->
                    "missing required field '" + m.getMessage().replaceAll("(?s).*property '([^']*)'.*", "$1") + "'";
            case MismatchedInputException m -> "wrong value type: expected " + expected(m.getTargetType()) + ", got " + describe(node);
            default -> "invalid value: " + e.getOriginalMessage();
        };
        return new Problem(path.toString(), message);
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) c = c.getCause();
        return c.getMessage();
    }

    static String expected(Class<?> type) {
        if (type == null) return "a different value";
        if (type == String.class) return "a string";
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) return "an integer";
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) return "a number";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) names.add(c.toString());
            return "one of " + list(names);
        }
        if (List.class.isAssignableFrom(type)) return "a list";
        if (java.util.Map.class.isAssignableFrom(type)) return "a mapping";
        if (type == dev.catena.core.component.Ref.class) return "a reference {ref: name} or {bean: name}";
        return "a mapping (" + type.getSimpleName() + ")";
    }

    static String describe(JsonNode node) {
        if (node == null || node.isNull()) return "nothing";
        if (node.isTextual()) return "the string '" + abbreviate(node.textValue()) + "'";
        if (node.isBoolean()) return node.asText();
        if (node.isNumber()) return "the number " + node.asText();
        if (node.isArray()) return "a list";
        return "a mapping";
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }

    static String list(Iterable<String> names) {
        String joined = String.join(", ", names);
        return joined.isEmpty() ? "none" : joined;
    }
}
