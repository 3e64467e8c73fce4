package dev.catena.llm.gguf;

import dev.catena.llm.UnsupportedModelException;
import dev.catena.llm.tensor.GgmlType;
import dev.catena.llm.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A GGUF file (versions 2 and 3), memory-mapped through the FFM API: the header, metadata and tensor
 * table are parsed at {@link #open}, tensor data stays in the mapping and is never copied to the heap.
 * Files larger than 2 GiB are fine. Every inconsistency (truncation, a count the file cannot hold, a
 * tensor outside the file, an overflowing shape) is a {@link GgufFormatException} naming the file, the
 * field and the offset; an unknown tensor type is an {@link UnsupportedModelException}.
 *
 * <p>The mapping lives until {@link #close()}; tensors obtained from the file must not be used after.
 */
public final class GgufFile implements AutoCloseable {

    /** "GGUF" read as a little-endian int. */
    public static final int MAGIC = 0x46554747;
    public static final int DEFAULT_ALIGNMENT = 32;
    private static final int MAX_DIMS = 4;
    private static final int MAX_ARRAY_NESTING = 8;

    private final String source;
    private final Arena arena;
    private final MemorySegment data;
    private final int version;
    private final GgufMetadata metadata;
    private final Map<String, GgufTensorInfo> tensors;
    private final long dataOffset;
    private final int alignment;
    /** The mapped file's identity, null for bytes given to {@link #read}. */
    private final FileIdentity identity;

    private GgufFile(String source, Arena arena, MemorySegment data, FileIdentity identity) {
        this.source = source;
        this.identity = identity;
        this.arena = arena;
        this.data = data;
        GgufCursor in = new GgufCursor(data, source);
        int magic = in.i32("magic");
        if (magic != MAGIC) {
            throw new GgufFormatException(source + ": magic at offset 0: not a GGUF file (magic 0x" + Integer.toHexString(magic)
                    + ", expected 0x" + Integer.toHexString(MAGIC) + " \"GGUF\")");
        }
        version = in.i32("version");
        if (version != 2 && version != 3) {
            String hint = Integer.reverseBytes(version) == 2 || Integer.reverseBytes(version) == 3
                    ? " (a big-endian GGUF file; only little-endian files are supported)"
                    : version == 1 ? " (GGUF v1 is obsolete; convert the model again)" : "";
            throw new GgufFormatException(source + ": version at offset 4: unsupported GGUF version " + Integer.toUnsignedString(version)
                    + hint + "; versions 2 and 3 are supported");
        }
        long tensorCount = in.count("tensor_count");
        long kvCount = in.count("metadata_kv_count");
        in.requireRoom(kvCount, 8 + 4 + 1, "metadata_kv_count");
        Map<String, GgufValue> values = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            long at = in.position();
            String key = in.string("metadata key #" + i);
            GgufValueType type = valueType(in, key);
            GgufValue value = readValue(in, key, type, 0);
            if (values.putIfAbsent(key, value) != null) {
                in.seek(at);
                throw in.error("metadata key '" + key + "'", "duplicate key");
            }
        }
        metadata = new GgufMetadata(source, values);
        alignment = readAlignment(values);

        in.requireRoom(tensorCount, 8 + 4 + 8 + 4 + 8, "tensor_count");
        List<long[]> shapes = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<GgmlType> types = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        List<Long> entries = new ArrayList<>();
        for (long i = 0; i < tensorCount; i++) {
            entries.add(in.position());
            String name = in.string("tensor #" + i + " name");
            String field = "tensor '" + name + "'";
            int dims = in.i32(field + " n_dims");
            if (dims < 1 || dims > MAX_DIMS) {
                throw in.error(field + " n_dims", "must be 1.." + MAX_DIMS + ", found " + Integer.toUnsignedString(dims));
            }
            long[] shape = new long[dims];
            for (int d = 0; d < dims; d++) {
                shape[d] = in.count(field + " dimension " + d);
                if (shape[d] == 0) {
                    throw in.error(field + " dimension " + d, "is 0");
                }
            }
            int typeId = in.i32(field + " type");
            GgmlType type;
            try {
                type = GgmlType.fromId(typeId);
            } catch (UnsupportedModelException e) {
                throw new UnsupportedModelException(source + ": " + field + " type at offset " + (in.position() - 4)
                        + ": unknown ggml type id " + Integer.toUnsignedString(typeId) + " (supported: "
                        + GgmlType.computableNames() + ")", e);
            }
            long offset = in.count(field + " offset");
            names.add(name);
            shapes.add(shape);
            types.add(type);
            offsets.add(offset);
        }
        dataOffset = alignUp(in.position(), alignment);
        if (tensorCount > 0 && dataOffset > data.byteSize()) {
            throw new GgufFormatException(source + ": tensor data should start at offset " + dataOffset
                    + " but the file has only " + data.byteSize() + " bytes (truncated file?)");
        }
        Map<String, GgufTensorInfo> infos = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            GgufTensorInfo info = tensorInfo(names.get(i), types.get(i), shapes.get(i), offsets.get(i), entries.get(i));
            if (infos.putIfAbsent(info.name(), info) != null) {
                throw new GgufFormatException(source + ": tensor '" + info.name() + "' (tensor table entry at offset "
                        + entries.get(i) + ") appears twice in the tensor table");
            }
        }
        tensors = Collections.unmodifiableMap(infos);
    }

    /**
     * Maps and parses a GGUF file.
     *
     * @throws GgufFormatException      when the file is not a valid GGUF v2/v3 file
     * @throws UnsupportedModelException when a tensor has a type this runtime does not know
     * @throws UncheckedIOException      when the file cannot be read
     */
    public static GgufFile open(Path path) {
        Arena arena = Arena.ofShared();
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            FileIdentity identity = FileIdentity.of(path);
            MemorySegment segment = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
            return new GgufFile(path.toString(), arena, segment, identity);
        } catch (IOException e) {
            arena.close();
            throw new UncheckedIOException("cannot read GGUF file " + path + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /**
     * Parses GGUF bytes already in memory (tests, fuzzing, files embedded in a jar). The segment must
     * stay valid while the file is used; {@link #close()} does not free it.
     */
    public static GgufFile read(MemorySegment bytes, String source) {
        return new GgufFile(source, null, bytes, null);
    }

    /** The file's path (or the name given to {@link #read}). */
    public String source() {
        return source;
    }

    /** The format version, 2 or 3. */
    public int version() {
        return version;
    }

    /** The key/value metadata. */
    public GgufMetadata metadata() {
        return metadata;
    }

    /** The alignment of tensor data ({@code general.alignment}, 32 by default). */
    public int alignment() {
        return alignment;
    }

    /** The absolute offset where tensor data starts. */
    public long dataOffset() {
        return dataOffset;
    }

    /** The size of the file in bytes. */
    public long fileSize() {
        return data.byteSize();
    }

    /** The tensor table in file order. */
    public List<GgufTensorInfo> tensorInfos() {
        return List.copyOf(tensors.values());
    }

    /** Whether the file has a tensor with this name. */
    public boolean hasTensor(String name) {
        return tensors.containsKey(name);
    }

    /**
     * The table entry of a tensor.
     *
     * @throws IllegalArgumentException when there is no such tensor
     */
    public GgufTensorInfo tensorInfo(String name) {
        GgufTensorInfo info = tensors.get(name);
        if (info == null) {
            throw new IllegalArgumentException(source + ": no tensor named '" + name + "'");
        }
        return info;
    }

    /**
     * A tensor over the mapped data (no copy).
     *
     * @throws IllegalArgumentException  when there is no such tensor
     * @throws UnsupportedModelException when its type cannot be computed with
     */
    public Tensor tensor(String name) {
        GgufTensorInfo info = tensorInfo(name);
        try {
            return Tensor.of(info.type(), data.asSlice(info.offset(), info.byteSize()), info.shape());
        } catch (UnsupportedModelException | IllegalArgumentException e) {
            // IllegalArgumentException: a shape valid for the file that this runtime cannot index (rows or
            // columns beyond an int)
            throw new UnsupportedModelException(source + ": tensor '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * Throws {@link ModelFileChangedException} when the mapped file was deleted, replaced, truncated or rewritten
     * since {@link #open}; nothing for bytes given to {@link #read}.
     */
    public void checkUnchanged() {
        if (identity != null) identity.check();
    }

    /** Unmaps the file. Tensors obtained from it must not be used afterwards. */
    @Override
    public void close() {
        if (arena != null) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "GgufFile[" + source + ", v" + version + ", " + metadata.size() + " keys, " + tensors.size() + " tensors]";
    }

    private GgufTensorInfo tensorInfo(String name, GgmlType type, long[] shape, long relativeOffset, long entryOffset) {
        String field = source + ": tensor '" + name + "' (" + type + " " + java.util.Arrays.toString(shape)
                + ", tensor table entry at offset " + entryOffset + ")";
        long elements = 1;
        try {
            for (long d : shape) {
                elements = Math.multiplyExact(elements, d);
            }
        } catch (ArithmeticException e) {
            throw new GgufFormatException(field + ": element count overflows");
        }
        if (shape[0] % type.blockSize() != 0) { // then the element count is whole blocks too
            throw new GgufFormatException(field + ": row length " + shape[0] + " is not a multiple of the "
                    + type + " block size " + type.blockSize());
        }
        long size;
        try {
            size = type.byteSize(elements);
        } catch (ArithmeticException e) {
            throw new GgufFormatException(field + ": byte size overflows");
        }
        if (relativeOffset % alignment != 0) {
            throw new GgufFormatException(field + ": data offset " + relativeOffset
                    + " is not a multiple of the alignment " + alignment);
        }
        long available = data.byteSize() - dataOffset;
        if (relativeOffset > available || size > available - relativeOffset) {
            throw new GgufFormatException(field + ": data [" + (dataOffset + relativeOffset) + ", "
                    + (dataOffset + relativeOffset + size) + ") extends past the end of the file ("
                    + data.byteSize() + " bytes): the file is truncated or was replaced");
        }
        return new GgufTensorInfo(name, type, shape, dataOffset + relativeOffset, size);
    }

    private int readAlignment(Map<String, GgufValue> values) {
        GgufValue v = values.get("general.alignment");
        if (v == null) {
            return DEFAULT_ALIGNMENT;
        }
        if (!v.type().isInteger()) {
            throw new GgufFormatException(source + ": metadata key 'general.alignment': expected an integer, found "
                    + v.describe());
        }
        long a = ((Number) v.raw()).longValue();
        if (a <= 0 || a > (1 << 30) || Long.bitCount(a) != 1) {
            throw new GgufFormatException(source + ": metadata key 'general.alignment': " + a
                    + " is not a power of two (at most 2^30)");
        }
        return (int) a;
    }

    private static long alignUp(long position, long alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }

    private static GgufValueType valueType(GgufCursor in, String key) {
        int id = in.i32("metadata key '" + key + "' type");
        GgufValueType type = GgufValueType.byId(Integer.toUnsignedLong(id));
        if (type == null) {
            in.seek(in.position() - 4);
            throw in.error("metadata key '" + key + "' type", "unknown value type " + Integer.toUnsignedString(id));
        }
        return type;
    }

    private static GgufValue readValue(GgufCursor in, String key, GgufValueType type, int depth) {
        String field = "metadata key '" + key + "'";
        return switch (type) {
            case UINT8 -> new GgufValue(type, null, Byte.toUnsignedInt(in.i8(field)));
            case INT8 -> new GgufValue(type, null, (int) in.i8(field));
            case UINT16 -> new GgufValue(type, null, Short.toUnsignedInt(in.i16(field)));
            case INT16 -> new GgufValue(type, null, (int) in.i16(field));
            case UINT32 -> new GgufValue(type, null, Integer.toUnsignedLong(in.i32(field)));
            case INT32 -> new GgufValue(type, null, in.i32(field));
            case UINT64, INT64 -> new GgufValue(type, null, in.i64(field));
            case FLOAT32 -> new GgufValue(type, null, in.f32(field));
            case FLOAT64 -> new GgufValue(type, null, in.f64(field));
            case BOOL -> new GgufValue(type, null, bool(in, field));
            case STRING -> new GgufValue(type, null, in.string(field));
            case ARRAY -> readArray(in, key, depth);
        };
    }

    private static boolean bool(GgufCursor in, String field) {
        byte b = in.i8(field);
        if (b != 0 && b != 1) {
            in.seek(in.position() - 1);
            throw in.error(field, "boolean byte " + Byte.toUnsignedInt(b) + " is neither 0 nor 1");
        }
        return b == 1;
    }

    private static GgufValue readArray(GgufCursor in, String key, int depth) {
        String field = "metadata key '" + key + "'";
        if (depth >= MAX_ARRAY_NESTING) {
            throw in.error(field, "arrays nested deeper than " + MAX_ARRAY_NESTING);
        }
        GgufValueType element = valueType(in, key);
        long count = in.count(field + " array length");
        in.requireRoom(count, element.minBytes(), field + " array length");
        if (count > Integer.MAX_VALUE - 8) {
            throw in.error(field + " array length", count + " elements is more than an array can hold");
        }
        int n = (int) count;
        Object raw = switch (element) {
            case UINT8, INT8, UINT16, INT16, INT32 -> {
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = ((Number) readValue(in, key, element, depth + 1).raw()).intValue();
                }
                yield a;
            }
            case UINT32, INT64, UINT64 -> {
                long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = ((Number) readValue(in, key, element, depth + 1).raw()).longValue();
                }
                yield a;
            }
            case FLOAT32 -> {
                float[] a = new float[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.f32(field);
                }
                yield a;
            }
            case FLOAT64 -> {
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.f64(field);
                }
                yield a;
            }
            case BOOL -> {
                boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    a[i] = bool(in, field);
                }
                yield a;
            }
            case STRING -> {
                List<String> a = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    a.add(in.string(field + "[" + i + "]"));
                }
                yield Collections.unmodifiableList(a);
            }
            case ARRAY -> {
                List<GgufValue> a = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    a.add(readArray(in, key, depth + 1));
                }
                yield Collections.unmodifiableList(a);
            }
        };
        return new GgufValue(GgufValueType.ARRAY, element, raw);
    }
}
