package dev.catena.llm.tools;

import dev.catena.llm.gguf.GgufFile;
import dev.catena.llm.gguf.GgufValueType;
import dev.catena.llm.tensor.GgmlType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes GGUF files (version 3 by default, or 2, which has the same little-endian layout): metadata of
 * every value type in insertion order, then the tensor table and the tensor data, each tensor starting
 * at a multiple of the alignment ({@code general.alignment} when set, else 32) and padded with zeros to
 * it, as gguf-py's {@code GGUFWriter} lays files out. Tensors given as floats are converted with
 * {@link Quantizers}; {@link #zeroTensor} tensors are left as holes of a sparse file by {@link #write};
 * {@link TensorSource} tensors are produced while the file is written, one after the other, so that a model
 * larger than the heap can be written.
 *
 * <p>Values by type: UINT8, INT8, UINT16, INT16, INT32 an {@link Integer} in range; UINT32 an Integer or
 * Long in range; UINT64 and INT64 a {@link Long} (UINT64 as its 64 bits); FLOAT32 a {@link Float};
 * FLOAT64 a {@link Double}; BOOL a {@link Boolean}; STRING a {@link String}; ARRAY an {@link Array}.
 */
public final class GgufWriter {

    /** An array value: its element type and elements (each an {@link Array} when the elements are arrays). */
    public record Array(GgufValueType elementType, List<?> values) {
        public Array {
            Objects.requireNonNull(elementType, "elementType");
            values = List.copyOf(values);
        }
    }

    /** Produces a tensor's stored bytes when the file is written. */
    @FunctionalInterface
    public interface TensorSource {
        /**
         * Writes exactly the tensor's byte size to {@code out}, in order.
         *
         * @throws IOException when {@code out} fails
         */
        void writeTo(WritableByteChannel out) throws IOException;
    }

    private record Entry(GgufValueType type, Object value) {
    }

    /** data: the bytes; null with source: produced on writing; null without: zeros. */
    private record PendingTensor(String name, GgmlType type, long[] shape, byte[] data, TensorSource source, long byteSize) {
    }

    private final Map<String, Entry> metadata = new LinkedHashMap<>();
    private final Map<String, PendingTensor> tensors = new LinkedHashMap<>();
    private int version = 3;

    /** Sets the format version written: 3 (default) or 2. */
    public GgufWriter version(int version) {
        if (version != 2 && version != 3) {
            throw new IllegalArgumentException("GGUF version must be 2 or 3, got " + version);
        }
        this.version = version;
        return this;
    }

    /** An array value for {@link #put}. */
    public static Array array(GgufValueType elementType, List<?> values) {
        return new Array(elementType, values);
    }

    /**
     * Adds (or replaces, keeping its position) a metadata key.
     *
     * @throws IllegalArgumentException when the value does not fit the type
     */
    public GgufWriter put(String key, GgufValueType type, Object value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        check(key, type, value);
        metadata.put(key, new Entry(type, value));
        return this;
    }

    public GgufWriter putString(String key, String value) {
        return put(key, GgufValueType.STRING, value);
    }

    public GgufWriter putUint32(String key, long value) {
        return put(key, GgufValueType.UINT32, value);
    }

    public GgufWriter putInt32(String key, int value) {
        return put(key, GgufValueType.INT32, value);
    }

    public GgufWriter putFloat32(String key, float value) {
        return put(key, GgufValueType.FLOAT32, value);
    }

    public GgufWriter putBool(String key, boolean value) {
        return put(key, GgufValueType.BOOL, value);
    }

    public GgufWriter putArray(String key, GgufValueType elementType, List<?> values) {
        return put(key, GgufValueType.ARRAY, array(elementType, values));
    }

    /** Sets {@code general.alignment} (UINT32), the alignment of tensor data: a power of two. */
    public GgufWriter alignment(int alignment) {
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two, got " + alignment);
        }
        return putUint32("general.alignment", alignment);
    }

    /**
     * Adds a tensor from its stored bytes.
     *
     * @param shape ggml order: {@code shape[0]} is the row length
     * @throws IllegalArgumentException when the name is taken or the bytes do not match type and shape
     */
    public GgufWriter tensor(String name, GgmlType type, long[] shape, byte[] data) {
        long size = byteSize(name, type, shape);
        if (data.length != size) {
            throw new IllegalArgumentException("tensor '" + name + "': " + type + " " + Arrays.toString(shape)
                    + " takes " + size + " bytes, got " + data.length);
        }
        return add(new PendingTensor(name, type, shape.clone(), data.clone(), null, size));
    }

    /** Adds a tensor from float values, converted to {@code type} by {@link Quantizers#quantize}. */
    public GgufWriter tensor(String name, GgmlType type, long[] shape, float[] values) {
        return tensor(name, type, shape, Quantizers.quantize(type, values));
    }

    /** Adds a tensor of zero bytes, which {@link #write} leaves unwritten (a hole in a sparse file). */
    public GgufWriter zeroTensor(String name, GgmlType type, long[] shape) {
        return add(new PendingTensor(name, type, shape.clone(), null, null, byteSize(name, type, shape)));
    }

    /**
     * Adds a tensor whose bytes {@code source} writes when the file is written ({@link #write} or
     * {@link #toBytes}), after the tensors added before it; it must write exactly the size of {@code type}
     * and {@code shape}.
     */
    public GgufWriter tensor(String name, GgmlType type, long[] shape, TensorSource source) {
        Objects.requireNonNull(source, "source");
        return add(new PendingTensor(name, type, shape.clone(), null, source, byteSize(name, type, shape)));
    }

    /** Writes the file, replacing any existing one. Zero tensors become holes where the file system allows. */
    public void write(Path path) {
        Layout layout = layout();
        try (FileChannel out = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(out, ByteBuffer.wrap(layout.head), 0);
            for (int i = 0; i < layout.order.size(); i++) {
                PendingTensor t = layout.order.get(i);
                if (t.data != null) {
                    writeFully(out, ByteBuffer.wrap(t.data), layout.dataStart + layout.offsets[i]);
                } else if (t.source != null) {
                    out.position(layout.dataStart + layout.offsets[i]);
                    produce(t, out);
                }
            }
            if (out.size() < layout.end) {
                // the padding after the last tensor, or a trailing hole, still counts towards the file size
                writeFully(out, ByteBuffer.wrap(new byte[1]), layout.end - 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write GGUF file " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The whole file in memory.
     *
     * @throws IllegalStateException when it is larger than a byte array can hold
     */
    public byte[] toBytes() {
        Layout layout = layout();
        if (layout.end > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("the file would have " + layout.end + " bytes; use write(Path)");
        }
        byte[] file = new byte[(int) layout.end];
        System.arraycopy(layout.head, 0, file, 0, layout.head.length);
        for (int i = 0; i < layout.order.size(); i++) {
            PendingTensor t = layout.order.get(i);
            if (t.data != null) {
                System.arraycopy(t.data, 0, file, (int) (layout.dataStart + layout.offsets[i]), t.data.length);
            } else if (t.source != null) {
                ByteBuffer target = ByteBuffer.wrap(file, (int) (layout.dataStart + layout.offsets[i]), (int) t.byteSize);
                try {
                    produce(t, new WritableByteChannel() {
                        @Override
                        public int write(ByteBuffer src) {
                            int n = Math.min(src.remaining(), target.remaining());
                            target.put(src.slice(src.position(), n));
                            src.position(src.position() + n);
                            return n;
                        }

                        @Override
                        public boolean isOpen() {
                            return true;
                        }

                        @Override
                        public void close() {
                        }
                    });
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return file;
    }

    private record Layout(byte[] head, long dataStart, long[] offsets, long end, List<PendingTensor> order) {
    }

    private Layout layout() {
        long alignment = alignmentValue();
        Out out = new Out();
        out.i32(GgufFile.MAGIC);
        out.i32(version);
        out.i64(tensors.size());
        out.i64(metadata.size());
        for (Map.Entry<String, Entry> e : metadata.entrySet()) {
            out.string(e.getKey());
            out.i32(e.getValue().type().id());
            value(out, e.getValue().type(), e.getValue().value());
        }
        List<PendingTensor> order = new ArrayList<>(tensors.values());
        long[] offsets = new long[order.size()];
        long offset = 0;
        for (int i = 0; i < order.size(); i++) {
            PendingTensor t = order.get(i);
            out.string(t.name);
            out.i32(t.shape.length);
            for (long d : t.shape) {
                out.i64(d);
            }
            out.i32(t.type.id());
            out.i64(offset);
            offsets[i] = offset;
            offset = Math.addExact(offset, alignUp(t.byteSize, alignment));
        }
        long dataStart = alignUp(out.size(), alignment);
        byte[] head = Arrays.copyOf(out.bytes(), Math.toIntExact(dataStart));
        return new Layout(head, dataStart, offsets, dataStart + offset, order);
    }

    private long alignmentValue() {
        Entry a = metadata.get("general.alignment");
        if (a == null) {
            return GgufFile.DEFAULT_ALIGNMENT;
        }
        long v = a.value() instanceof Number n ? n.longValue() : -1;
        if (!a.type().isInteger() || v <= 0 || v > (1 << 30) || Long.bitCount(v) != 1) {
            throw new IllegalStateException("general.alignment must be an integer power of two up to 2^30, got "
                    + a.value());
        }
        return v;
    }

    private GgufWriter add(PendingTensor t) {
        Objects.requireNonNull(t.name, "name");
        if (tensors.putIfAbsent(t.name, t) != null) {
            throw new IllegalArgumentException("tensor '" + t.name + "' added twice");
        }
        return this;
    }

    private static long byteSize(String name, GgmlType type, long[] shape) {
        if (shape.length < 1 || shape.length > 4) {
            throw new IllegalArgumentException("tensor '" + name + "': 1 to 4 dimensions, got " + Arrays.toString(shape));
        }
        long n = 1;
        for (long d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException("tensor '" + name + "': dimensions must be positive: " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (shape[0] % type.blockSize() != 0) {
            throw new IllegalArgumentException("tensor '" + name + "': row length " + shape[0]
                    + " is not a multiple of the " + type + " block size " + type.blockSize());
        }
        return type.byteSize(n);
    }

    private static long alignUp(long n, long alignment) {
        return Math.addExact(n, alignment - 1) / alignment * alignment;
    }

    /** Runs a tensor's source into {@code out}, checking that it writes exactly the tensor's size. */
    private static void produce(PendingTensor t, WritableByteChannel out) throws IOException {
        long[] written = {0};
        t.source.writeTo(new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) throws IOException {
                if (written[0] + src.remaining() > t.byteSize) {
                    throw new IllegalStateException("tensor '" + t.name + "': its source wrote more than its "
                            + t.byteSize + " bytes");
                }
                int n = 0;
                while (src.hasRemaining()) {
                    n += out.write(src);
                }
                written[0] += n;
                return n;
            }

            @Override
            public boolean isOpen() {
                return out.isOpen();
            }

            @Override
            public void close() {
            }
        });
        if (written[0] != t.byteSize) {
            throw new IllegalStateException("tensor '" + t.name + "': its source wrote " + written[0] + " of its "
                    + t.byteSize + " bytes");
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            position += out.write(buffer, position);
        }
    }

    private static void check(String key, GgufValueType type, Object value) {
        String where = "metadata key '" + key + "' (" + type + "): ";
        if (value == null) {
            throw new IllegalArgumentException(where + "null value");
        }
        boolean ok = switch (type) {
            case UINT8 -> value instanceof Integer i && i >= 0 && i <= 0xFF;
            case INT8 -> value instanceof Integer i && i >= Byte.MIN_VALUE && i <= Byte.MAX_VALUE;
            case UINT16 -> value instanceof Integer i && i >= 0 && i <= 0xFFFF;
            case INT16 -> value instanceof Integer i && i >= Short.MIN_VALUE && i <= Short.MAX_VALUE;
            case INT32 -> value instanceof Integer;
            case UINT32 -> (value instanceof Integer || value instanceof Long)
                    && ((Number) value).longValue() >= 0 && ((Number) value).longValue() <= 0xFFFFFFFFL;
            case UINT64, INT64 -> value instanceof Long;
            case FLOAT32 -> value instanceof Float;
            case FLOAT64 -> value instanceof Double;
            case BOOL -> value instanceof Boolean;
            case STRING -> value instanceof String;
            case ARRAY -> value instanceof Array;
        };
        if (!ok) {
            throw new IllegalArgumentException(where + "cannot hold " + value + " (" + value.getClass().getSimpleName() + ")");
        }
        if (value instanceof Array a) {
            for (int i = 0; i < a.values().size(); i++) {
                check(key + "[" + i + "]", a.elementType(), a.values().get(i));
            }
        }
    }

    private static void value(Out out, GgufValueType type, Object value) {
        switch (type) {
            case UINT8, INT8 -> out.i8(((Number) value).intValue());
            case UINT16, INT16 -> out.i16(((Number) value).intValue());
            case UINT32, INT32 -> out.i32(((Number) value).intValue());
            case UINT64, INT64 -> out.i64((Long) value);
            case FLOAT32 -> out.i32(Float.floatToRawIntBits((Float) value));
            case FLOAT64 -> out.i64(Double.doubleToRawLongBits((Double) value));
            case BOOL -> out.i8((Boolean) value ? 1 : 0);
            case STRING -> out.string((String) value);
            case ARRAY -> {
                Array a = (Array) value;
                out.i32(a.elementType().id());
                out.i64(a.values().size());
                for (Object v : a.values()) {
                    value(out, a.elementType(), v);
                }
            }
        }
    }

    /** A little-endian byte sink for the header, metadata and tensor table. */
    private static final class Out {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        void i8(int v) {
            bytes.write(v);
        }

        void i16(int v) {
            bytes.write(scratch.clear().putShort((short) v).array(), 0, 2);
        }

        void i32(int v) {
            bytes.write(scratch.clear().putInt(v).array(), 0, 4);
        }

        void i64(long v) {
            bytes.write(scratch.clear().putLong(v).array(), 0, 8);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            bytes.write(b, 0, b.length);
        }

        long size() {
            return bytes.size();
        }

        byte[] bytes() {
            return bytes.toByteArray();
        }
    }
}
