package dev.catena.quarkus.runtime;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.catena.core.component.Ref;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Turns the string properties of one named entry into its type's spec record, for any registered
 * type: the record's components say which keys exist (kebab-case or as written) and what each value
 * must be, so a new field or type needs no change here. Every problem names the full property key.
 */
final class PropertySpecs {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
            .build();

    private PropertySpecs() {}

    /** The spec of {@code specClass} from {@code properties} (keys relative to {@code prefix}); throws listing every problem. */
    static Object bind(String prefix, Class<?> specClass, Map<String, String> properties) {
        List<String> problems = new ArrayList<>();
        JsonNode node = record(prefix, specClass, properties, problems);
        if (!problems.isEmpty()) throw new CatenaConfigException(problems);
        try {
            return MAPPER.treeToValue(node, specClass);
        } catch (Exception e) {
            throw new CatenaConfigException(List.of(prefix + ": " + rootMessage(e)));
        }
    }

    /** The keys a spec accepts, in property form. */
    static List<String> keys(Class<?> specClass) {
        List<String> out = new ArrayList<>();
        for (RecordComponent rc : specClass.getRecordComponents()) out.add(kebab(fieldName(rc)));
        return out;
    }

    /** {@code camelCase} as {@code camel-case}. */
    static String kebab(String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            if (Character.isUpperCase(c)) sb.append('-').append(Character.toLowerCase(c));
            else sb.append(c);
        }
        return sb.toString();
    }

    private static ObjectNode record(String prefix, Class<?> type, Map<String, String> properties, List<String> problems) {
        Map<String, RecordComponent> byKey = new LinkedHashMap<>();
        for (RecordComponent rc : type.getRecordComponents()) {
            byKey.put(kebab(fieldName(rc)), rc);
            byKey.put(fieldName(rc), rc);
        }
        ObjectNode out = NODES.objectNode();
        for (Map.Entry<String, Map<String, String>> group : groups(properties).entrySet()) {
            RecordComponent rc = byKey.get(group.getKey());
            if (rc == null) {
                problems.add(prefix + "." + group.getKey() + ": unknown property (accepted: " + String.join(", ", keys(type)) + ")");
                continue;
            }
            JsonNode value = value(prefix + "." + group.getKey(), rc.getGenericType(), group.getValue(), problems);
            if (value != null) out.set(fieldName(rc), value);
        }
        for (RecordComponent rc : type.getRecordComponents()) {
            JsonProperty p = property(rc);
            if (p != null && p.required() && !out.has(fieldName(rc))) {
                problems.add(prefix + "." + kebab(fieldName(rc)) + ": missing required property");
            }
        }
        return out;
    }

    /**
     * One value of declared type {@code type}; {@code sub} holds the key's own value under "" and
     * deeper keys ({@code .name}, {@code [0]}) relative to it.
     */
    private static JsonNode value(String key, Type type, Map<String, String> sub, List<String> problems) {
        Class<?> raw = rawClass(type);
        String own = sub.get("");
        if (List.class.isAssignableFrom(raw)) {
            Type element = typeArgument(type, 0);
            ArrayNode array = NODES.arrayNode();
            if (own != null) {
                List<String> items = split(own);
                for (int i = 0; i < items.size(); i++) {
                    JsonNode v = value(key + "[" + i + "]", element, Map.of("", items.get(i)), problems);
                    if (v != null) array.add(v);
                }
            }
            Map<Integer, Map<String, String>> indexed = new TreeMap<>();
            for (Map.Entry<String, String> e : sub.entrySet()) {
                if (e.getKey().isEmpty()) continue;
                int close = e.getKey().indexOf(']');
                Integer index = e.getKey().startsWith("[") && close > 1 ? parseIndex(e.getKey().substring(1, close)) : null;
                if (index == null) {
                    problems.add(key + e.getKey() + ": expected a list (comma-separated, or " + key + "[0], " + key + "[1]...)");
                    continue;
                }
                String rest = e.getKey().substring(close + 1);
                indexed.computeIfAbsent(index, i -> new LinkedHashMap<>()).put(rest.startsWith(".") ? rest.substring(1) : rest, e.getValue());
            }
            for (Map.Entry<Integer, Map<String, String>> e : indexed.entrySet()) {
                JsonNode v = value(key + "[" + e.getKey() + "]", element, e.getValue(), problems);
                if (v != null) array.add(v);
            }
            return array;
        }
        if (raw != Ref.class && (Map.class.isAssignableFrom(raw) || raw.isRecord())) {
            if (own != null) {
                problems.add(key + ": expected " + (raw.isRecord() ? "the properties " + key + ".<field>" : "entries " + key + ".<name>")
                        + ", got the value '" + own + "'");
                return null;
            }
            Map<String, String> deeper = new LinkedHashMap<>();
            sub.forEach((k, v) -> deeper.put(k.startsWith(".") ? k.substring(1) : k, v));
            if (raw.isRecord()) return record(key, raw, deeper, problems);
            ObjectNode map = NODES.objectNode();
            groups(deeper).forEach((name, values) -> {
                JsonNode v = value(key + "." + name, typeArgument(type, 1), values, problems);
                if (v != null) map.set(name, v);
            });
            return map;
        }
        if (own == null || sub.size() > 1) {
            problems.add(key + ": expected " + expected(raw) + ", got nested properties " + new TreeSet<>(sub.keySet()));
            return null;
        }
        return scalar(key, raw, own.trim(), problems);
    }

    private static JsonNode scalar(String key, Class<?> raw, String text, List<String> problems) {
        try {
            if (raw == Integer.class || raw == int.class || raw == Long.class || raw == long.class || raw == Short.class || raw == short.class) {
                return NODES.numberNode(Long.parseLong(text));
            }
            if (raw == Double.class || raw == double.class || raw == Float.class || raw == float.class) {
                return NODES.numberNode(Double.parseDouble(text));
            }
        } catch (NumberFormatException e) {
            problems.add(key + ": expected " + expected(raw) + ", got '" + text + "'");
            return null;
        }
        if (raw == Boolean.class || raw == boolean.class) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) return NODES.booleanNode(Boolean.parseBoolean(text.toLowerCase(Locale.ROOT)));
            problems.add(key + ": expected true or false, got '" + text + "'");
            return null;
        }
        if (raw.isEnum()) {
            for (Object c : raw.getEnumConstants()) {
                String json = jsonName((Enum<?>) c);
                if (json.equalsIgnoreCase(text) || ((Enum<?>) c).name().equalsIgnoreCase(text.replace('-', '_'))) {
                    return NODES.textNode(json);
                }
            }
            problems.add(key + ": expected " + expected(raw) + ", got '" + text + "'");
            return null;
        }
        if (raw == Ref.class) {
            ObjectNode ref = NODES.objectNode();
            if (text.startsWith("bean:")) ref.put("bean", text.substring("bean:".length()));
            else ref.put("ref", text);
            return ref;
        }
        return NODES.textNode(text);
    }

    /** Properties grouped by their first key segment; the rest of each key (".x", "[0]", or "") kept. */
    private static Map<String, Map<String, String>> groups(Map<String, String> properties) {
        Map<String, Map<String, String>> out = new TreeMap<>();
        properties.forEach((k, v) -> {
            int end = k.length();
            for (int i = 0; i < k.length(); i++) {
                if (k.charAt(i) == '.' || k.charAt(i) == '[') {
                    end = i;
                    break;
                }
            }
            out.computeIfAbsent(k.substring(0, end), x -> new LinkedHashMap<>()).put(k.substring(end), v);
        });
        return out;
    }

    /** A comma-separated list, as SmallRye Config splits one ({@code \,} keeps a comma). */
    private static List<String> split(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        out.removeIf(String::isEmpty);
        return out;
    }

    private static Integer parseIndex(String s) {
        try {
            int i = Integer.parseInt(s);
            return i >= 0 ? i : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) return c;
        if (type instanceof ParameterizedType p) return (Class<?>) p.getRawType();
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) return p.getActualTypeArguments()[index];
        return String.class;
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class || type == Short.class || type == short.class) return "an integer";
        if (type == Double.class || type == double.class || type == Float.class || type == float.class) return "a number";
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) names.add(jsonName((Enum<?>) c));
            return "one of " + String.join(", ", names);
        }
        return "a " + type.getSimpleName();
    }

    /** The name Jackson reads for an enum constant: its {@code @JsonProperty} value, else its name. */
    private static String jsonName(Enum<?> constant) {
        try {
            JsonProperty p = constant.getDeclaringClass().getField(constant.name()).getAnnotation(JsonProperty.class);
            return p != null && !p.value().isEmpty() ? p.value() : constant.name();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    private static String fieldName(RecordComponent rc) {
        JsonProperty p = property(rc);
        return p != null && !p.value().isEmpty() ? p.value() : rc.getName();
    }

    /** Jackson's annotations land on the accessor of a record component, not the component itself. */
    private static JsonProperty property(RecordComponent rc) {
        JsonProperty p = rc.getAccessor().getAnnotation(JsonProperty.class);
        return p != null ? p : rc.getAnnotation(JsonProperty.class);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        String m = t.getMessage() == null ? t.toString() : t.getMessage();
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }
}
