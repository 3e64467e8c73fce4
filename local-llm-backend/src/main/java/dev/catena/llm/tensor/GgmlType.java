package dev.catena.llm.tensor;

import dev.catena.llm.gguf.UnsupportedModelException;

/**
 * The ggml tensor storage types, with their ids in GGUF files, the number of elements per block and the
 * bytes per block. All are listed so that any file's tensor table can be read; {@link #isComputable()}
 * says which ones {@link Tensor} can compute with.
 */
public enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q8_1(9, 32, 36),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210),
    Q8_K(15, 256, 292),
    IQ2_XXS(16, 256, 66),
    IQ2_XS(17, 256, 74),
    IQ3_XXS(18, 256, 98),
    IQ1_S(19, 256, 50),
    IQ4_NL(20, 32, 18),
    IQ3_S(21, 256, 110),
    IQ2_S(22, 256, 82),
    IQ4_XS(23, 256, 136),
    I8(24, 1, 1),
    I16(25, 1, 2),
    I32(26, 1, 4),
    I64(27, 1, 8),
    F64(28, 1, 8),
    IQ1_M(29, 256, 56),
    BF16(30, 1, 2),
    TQ1_0(34, 256, 54),
    TQ2_0(35, 256, 66),
    MXFP4(39, 32, 17),
    NVFP4(40, 64, 36),
    Q1_0(41, 128, 18);

    private static final GgmlType[] BY_ID = new GgmlType[64];

    static {
        for (GgmlType t : values()) {
            BY_ID[t.id] = t;
        }
    }

    private final int id;
    private final int blockSize;
    private final int bytesPerBlock;

    GgmlType(int id, int blockSize, int bytesPerBlock) {
        this.id = id;
        this.blockSize = blockSize;
        this.bytesPerBlock = bytesPerBlock;
    }

    /** The id stored in GGUF files. */
    public int id() {
        return id;
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
