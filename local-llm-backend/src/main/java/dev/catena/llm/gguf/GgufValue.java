package dev.catena.llm.gguf;

import java.util.AbstractList;
import java.util.List;

/**
 * One metadata value as read: its type, the element type when it is an array, and the Java value.
 * Arrays of numbers and booleans are held as primitive arrays ({@code int[]} for 8/16-bit and INT32,
 * {@code long[]} for UINT32/INT64/UINT64, {@code float[]}, {@code double[]}, {@code boolean[]}); arrays of
 * strings as {@code List<String>}; nested arrays as {@code List<GgufValue>}.
 */
record GgufValue(GgufValueType type, GgufValueType elementType, Object raw) {

    /** The value in its public form: scalars boxed, arrays as unmodifiable lists (nested for nested arrays). */
    Object publicValue() {
        if (type != GgufValueType.ARRAY) {
            return raw;
        }
        return switch (raw) {
            case int[] a -> new AbstractList<Integer>() {
                public Integer get(int i) { return a[i]; }
                public int size() { return a.length; }
            };
            case long[] a -> new AbstractList<Long>() {
                public Long get(int i) { return a[i]; }
                public int size() { return a.length; }
            };
            case float[] a -> new AbstractList<Float>() {
                public Float get(int i) { return a[i]; }
                public int size() { return a.length; }
            };
            case double[] a -> new AbstractList<Double>() {
                public Double get(int i) { return a[i]; }
                public int size() { return a.length; }
            };
            case boolean[] a -> new AbstractList<Boolean>() {
                public Boolean get(int i) { return a[i]; }
                public int size() { return a.length; }
            };
            case List<?> l when elementType == GgufValueType.ARRAY ->
                    l.stream().map(v -> ((GgufValue) v).publicValue()).toList();
            case List<?> l -> l;
            default -> throw new IllegalStateException("unexpected array " + raw.getClass());
        };
    }

    /** The number of elements of an array value. */
    int length() {
        return switch (raw) {
            case int[] a -> a.length;
            case long[] a -> a.length;
            case float[] a -> a.length;
            case double[] a -> a.length;
            case boolean[] a -> a.length;
            case List<?> l -> l.size();
            default -> 1;
        };
    }

    /** A description of the type for messages, e.g. {@code ARRAY of STRING}. */
    String describe() {
        return type == GgufValueType.ARRAY ? "ARRAY of " + elementType : type.name();
    }
}
