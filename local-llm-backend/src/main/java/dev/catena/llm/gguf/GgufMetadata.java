package dev.catena.llm.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The key/value metadata of a GGUF file, in file order, with typed access. A getter throws a
 * {@link GgufFormatException} naming the file, the key and the expected type when the key is missing or
 * holds another type; a {@code find} method returns empty when the key is missing (and still throws on a
 * wrong type). Integer getters accept any integer type whose value fits; float getters accept any number.
 */
public final class GgufMetadata {

    private final String source;
    private final Map<String, GgufValue> values;

    GgufMetadata(String source, Map<String, GgufValue> values) {
        this.source = source;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** Where the metadata was read from (the file name), as error messages name it. */
    public String source() {
        return source;
    }

    /** Whether the key is present. */
    public boolean contains(String key) {
        return values.containsKey(key);
    }

    /** The keys, in file order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** The number of keys. */
    public int size() {
        return values.size();
    }

    /** The type of a key's value, if present. */
    public Optional<GgufValueType> type(String key) {
        return Optional.ofNullable(values.get(key)).map(GgufValue::type);
    }

    /** The element type of a key's array value; empty when absent or not an array. */
    public Optional<GgufValueType> arrayElementType(String key) {
        return Optional.ofNullable(values.get(key)).map(GgufValue::elementType);
    }

    /** The raw value: String, Integer/Long, Float/Double, Boolean, or an unmodifiable List for arrays. */
    public Optional<Object> get(String key) {
        return Optional.ofNullable(values.get(key)).map(GgufValue::publicValue);
    }

    public String getString(String key) {
        return findString(key).orElseThrow(() -> missing(key, "STRING"));
    }

    public Optional<String> findString(String key) {
        GgufValue v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v.type() != GgufValueType.STRING) {
            throw wrongType(key, "STRING", v);
        }
        return Optional.of((String) v.raw());
    }

    public int getInt(String key) {
        OptionalInt v = findInt(key);
        if (v.isEmpty()) {
            throw missing(key, "integer");
        }
        return v.getAsInt();
    }

    public OptionalInt findInt(String key) {
        Optional<Long> v = findLongValue(key, "integer fitting in an int");
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        long l = v.get();
        if (l != (int) l) {
            throw new GgufFormatException(where(key) + ": value " + l + " does not fit in an int");
        }
        return OptionalInt.of((int) l);
    }

    public long getLong(String key) {
        return findLong(key).orElseThrow(() -> missing(key, "integer"));
    }

    public Optional<Long> findLong(String key) {
        return findLongValue(key, "integer");
    }

    private Optional<Long> findLongValue(String key, String expected) {
        GgufValue v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!v.type().isInteger()) {
            throw wrongType(key, expected, v);
        }
        return Optional.of(((Number) v.raw()).longValue());
    }

    public float getFloat(String key) {
        return findFloat(key).orElseThrow(() -> missing(key, "number"));
    }

    public Optional<Float> findFloat(String key) {
        GgufValue v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (!(v.raw() instanceof Number n)) {
            throw wrongType(key, "number", v);
        }
        return Optional.of(n.floatValue());
    }

    public boolean getBoolean(String key) {
        return findBoolean(key).orElseThrow(() -> missing(key, "BOOL"));
    }

    public Optional<Boolean> findBoolean(String key) {
        GgufValue v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v.type() != GgufValueType.BOOL) {
            throw wrongType(key, "BOOL", v);
        }
        return Optional.of((Boolean) v.raw());
    }

    /** An array of strings. */
    @SuppressWarnings("unchecked")
    public List<String> getStringArray(String key) {
        GgufValue v = array(key, "ARRAY of STRING");
        if (v.elementType() != GgufValueType.STRING) {
            throw wrongType(key, "ARRAY of STRING", v);
        }
        return (List<String>) v.raw();
    }

    /** An array of numbers as floats (a fresh copy). */
    public float[] getFloatArray(String key) {
        GgufValue v = array(key, "ARRAY of FLOAT32");
        return switch (v.raw()) {
            case float[] a -> a.clone();
            case double[] a -> {
                float[] f = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    f[i] = (float) a[i];
                }
                yield f;
            }
            case int[] a -> {
                float[] f = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    f[i] = a[i];
                }
                yield f;
            }
            case long[] a -> {
                float[] f = new float[a.length];
                for (int i = 0; i < a.length; i++) {
                    f[i] = a[i];
                }
                yield f;
            }
            default -> throw wrongType(key, "ARRAY of FLOAT32", v);
        };
    }

    /** An array of integers that fit in an int (a fresh copy). */
    public int[] getIntArray(String key) {
        GgufValue v = array(key, "ARRAY of INT32");
        return switch (v.raw()) {
            case int[] a -> a.clone();
            case long[] a -> {
                int[] r = new int[a.length];
                for (int i = 0; i < a.length; i++) {
                    if (a[i] != (int) a[i]) {
                        throw new GgufFormatException(where(key) + ": element " + i + " = " + a[i] + " does not fit in an int");
                    }
                    r[i] = (int) a[i];
                }
                yield r;
            }
            default -> throw wrongType(key, "ARRAY of INT32", v);
        };
    }

    /** The length of an array value. */
    public int getArrayLength(String key) {
        return array(key, "ARRAY").length();
    }

    private GgufValue array(String key, String expected) {
        GgufValue v = values.get(key);
        if (v == null) {
            throw missing(key, expected);
        }
        if (v.type() != GgufValueType.ARRAY) {
            throw wrongType(key, expected, v);
        }
        return v;
    }

    private GgufFormatException missing(String key, String expected) {
        return new GgufFormatException(where(key) + ": missing (expected " + expected + ")");
    }

    private GgufFormatException wrongType(String key, String expected, GgufValue v) {
        return new GgufFormatException(where(key) + ": expected " + expected + ", found " + v.describe());
    }

    private String where(String key) {
        return source + ": metadata key '" + key + "'";
    }

    @Override
    public String toString() {
        return "GgufMetadata" + values.keySet();
    }
}
