package dev.catena.llm.tensor;

import dev.catena.llm.UnsupportedModelException;

/**
 * The ggml tensor storage types, with their ids in GGUF files and the {@link BlockLayout} of a block (the
 * number of elements, the bytes, where each part lies). All are listed so that any file's tensor table can
 * be read; {@link #isComputable()} says which ones {@link Tensor} can compute with.
 */
public enum GgmlType {
    // id, elements per block, the block's parts (name:bytes) as ggml's ggml-common.h and catena_blocks.h declare them
    F32(0, 1, "value:4"),
    F16(1, 1, "value:2"),
    Q4_0(2, 32, "d:2 qs:16"),
    Q4_1(3, 32, "d:2 m:2 qs:16"),
    Q5_0(6, 32, "d:2 qh:4 qs:16"),
    Q5_1(7, 32, "d:2 m:2 qh:4 qs:16"),
    Q8_0(8, 32, "d:2 qs:32"),
    Q8_1(9, 32, "d:2 s:2 qs:32"),
    Q2_K(10, 256, "scales:16 qs:64 d:2 dmin:2"),
    Q3_K(11, 256, "hmask:32 qs:64 scales:12 d:2"),
    Q4_K(12, 256, "d:2 dmin:2 scales:12 qs:128"),
    Q5_K(13, 256, "d:2 dmin:2 scales:12 qh:32 qs:128"),
    Q6_K(14, 256, "ql:128 qh:64 scales:16 d:2"),
    Q8_K(15, 256, "d:4 qs:256 bsums:32"),
    IQ2_XXS(16, 256, "d:2 qs:64"),
    IQ2_XS(17, 256, "d:2 qs:64 scales:8"),
    IQ3_XXS(18, 256, "d:2 qs:96"),
    IQ1_S(19, 256, "d:2 qs:32 qh:16"),
    IQ4_NL(20, 32, "d:2 qs:16"),
    IQ3_S(21, 256, "d:2 qs:64 qh:8 signs:32 scales:4"),
    IQ2_S(22, 256, "d:2 qs:64 qh:8 scales:8"),
    IQ4_XS(23, 256, "d:2 scales_h:2 scales_l:4 qs:128"),
    I8(24, 1, "value:1"),
    I16(25, 1, "value:2"),
    I32(26, 1, "value:4"),
    I64(27, 1, "value:8"),
    F64(28, 1, "value:8"),
    IQ1_M(29, 256, "qs:32 qh:16 scales:8"),
    BF16(30, 1, "value:2"),
    TQ1_0(34, 256, "qs:48 qh:4 d:2"),
    TQ2_0(35, 256, "qs:64 d:2"),
    MXFP4(39, 32, "e:1 qs:16"),
    NVFP4(40, 64, "d:4 qs:32"),
    Q1_0(41, 128, "d:2 qs:16");

    private static final GgmlType[] BY_ID = new GgmlType[64];

    static {
        for (GgmlType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final BlockLayout layout;
    private final int blockSize;
    private final int bytesPerBlock;

    GgmlType(int id, int blockSize, String parts) {
        this.id = id;
        this.layout = BlockLayout.of(blockSize, parts);
        this.blockSize = blockSize;
        this.bytesPerBlock = layout.bytes();
    }

    /** The id stored in GGUF files. */
    public int id() {
        return id;
    }

    /** The layout of one block: its parts and their offsets. */
    public BlockLayout layout() {
        return layout;
    }

    /** Elements per block (1 for plain float and integer types). */
    public int blockSize() {
        return blockSize;
    }

    /** Bytes per block. */
    public int bytesPerBlock() {
        return bytesPerBlock;
    }

    /** Whether elements are stored in blocks with shared scales (a quantized type). */
    public boolean isQuantized() {
        return blockSize > 1;
    }

    /** Whether {@link Tensor#of} can read and compute with this type. */
    public boolean isComputable() {
        return switch (this) {
            case F32, F16, BF16, Q4_0, Q4_1, Q5_0, Q5_1, Q8_0, Q8_1, Q2_K, Q3_K, Q4_K, Q5_K, Q6_K, Q8_K, IQ4_NL, IQ4_XS -> true;
            default -> false;
        };
    }

    /** The names of the types {@link #isComputable()} accepts, comma-separated, for error messages. */
    public static String computableNames() {
        return java.util.Arrays.stream(values()).filter(GgmlType::isComputable).map(Enum::name)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * The type with this GGUF id.
     *
     * @throws UnsupportedModelException when the id is not a known ggml type
     */
    public static GgmlType fromId(int id) {
        GgmlType t = id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
        if (t == null) {
            throw new UnsupportedModelException("unknown ggml tensor type id " + id);
        }
        return t;
    }

    /**
     * The bytes needed for {@code elements} elements of this type.
     *
     * @throws IllegalArgumentException when elements is negative or not a whole number of blocks
     * @throws ArithmeticException      when the size overflows a long
     */
    public long byteSize(long elements) {
        if (elements < 0 || elements % blockSize != 0) {
            throw new IllegalArgumentException(
                    elements + " elements is not a whole number of " + this + " blocks of " + blockSize);
        }
        return Math.multiplyExact(elements / blockSize, (long) bytesPerBlock);
    }
}
