package dev.catena.llm.tensor;

/**
 * The {@link GgmlType#layout() block layouts} of the types with Java kernels, as int constants for inner
 * loops: {@code Blocks.Q4_0.QS} is the offset of the quants in a Q4_0 block, {@code BYTES} its size. Each
 * is read from the layout once (a static final, which the JIT folds), so the layout stays declared in
 * {@link GgmlType} only. A type gets its holder here when it gets a kernel.
 */
public final class Blocks {

    private Blocks() {
    }

    private static int bytes(GgmlType t) {
        return t.layout().bytes();
    }

    private static int at(GgmlType t, String part) {
        return t.layout().offset(part);
    }

    /** {@code d, qs[16]}. */
    public static final class Q4_0 {
        public static final int BYTES = bytes(GgmlType.Q4_0), D = at(GgmlType.Q4_0, "d"), QS = at(GgmlType.Q4_0, "qs");
    }

    /** {@code d, m, qs[16]}. */
    public static final class Q4_1 {
        public static final int BYTES = bytes(GgmlType.Q4_1), D = at(GgmlType.Q4_1, "d"), M = at(GgmlType.Q4_1, "m"), QS = at(GgmlType.Q4_1, "qs");
    }

    /** {@code d, qh[4], qs[16]}. */
    public static final class Q5_0 {
        public static final int BYTES = bytes(GgmlType.Q5_0), D = at(GgmlType.Q5_0, "d"), QH = at(GgmlType.Q5_0, "qh"),
                QS = at(GgmlType.Q5_0, "qs");
    }

    /** {@code d, m, qh[4], qs[16]}. */
    public static final class Q5_1 {
        public static final int BYTES = bytes(GgmlType.Q5_1), D = at(GgmlType.Q5_1, "d"), M = at(GgmlType.Q5_1, "m"), QH = at(GgmlType.Q5_1, "qh"),
                QS = at(GgmlType.Q5_1, "qs");
    }

    /** {@code d, qs[32]}. */
    public static final class Q8_0 {
        public static final int BYTES = bytes(GgmlType.Q8_0), D = at(GgmlType.Q8_0, "d"), QS = at(GgmlType.Q8_0, "qs");
    }

    /** {@code d, s, qs[32]}. */
    public static final class Q8_1 {
        public static final int D = at(GgmlType.Q8_1, "d"), QS = at(GgmlType.Q8_1, "qs");
    }

    /** {@code scales[16], qs[64], d, dmin}. */
    public static final class Q2_K {
        public static final int BYTES = bytes(GgmlType.Q2_K), SCALES = at(GgmlType.Q2_K, "scales"), QS = at(GgmlType.Q2_K, "qs"), D = at(GgmlType.Q2_K, "d"),
                DMIN = at(GgmlType.Q2_K, "dmin");
    }

    /** {@code hmask[32], qs[64], scales[12], d}. */
    public static final class Q3_K {
        public static final int BYTES = bytes(GgmlType.Q3_K), HMASK = at(GgmlType.Q3_K, "hmask"), QS = at(GgmlType.Q3_K, "qs"),
                SCALES = at(GgmlType.Q3_K, "scales"), D = at(GgmlType.Q3_K, "d");
    }

    /** {@code d, dmin, scales[12], qs[128]}. */
    public static final class Q4_K {
        public static final int BYTES = bytes(GgmlType.Q4_K), D = at(GgmlType.Q4_K, "d"), DMIN = at(GgmlType.Q4_K, "dmin"),
                SCALES = at(GgmlType.Q4_K, "scales"), QS = at(GgmlType.Q4_K, "qs");
    }

    /** {@code d, dmin, scales[12], qh[32], qs[128]}. */
    public static final class Q5_K {
        public static final int BYTES = bytes(GgmlType.Q5_K), D = at(GgmlType.Q5_K, "d"), DMIN = at(GgmlType.Q5_K, "dmin"),
                SCALES = at(GgmlType.Q5_K, "scales"), QH = at(GgmlType.Q5_K, "qh"), QS = at(GgmlType.Q5_K, "qs");
    }

    /** {@code ql[128], qh[64], scales[16], d}. */
    public static final class Q6_K {
        public static final int BYTES = bytes(GgmlType.Q6_K), QL = at(GgmlType.Q6_K, "ql"), QH = at(GgmlType.Q6_K, "qh"),
                SCALES = at(GgmlType.Q6_K, "scales"), D = at(GgmlType.Q6_K, "d");
    }

    /** {@code d, qs[16]}: 4-bit indices into the {@link IQ4Values} code book. */
    public static final class IQ4_NL {
        public static final int BYTES = bytes(GgmlType.IQ4_NL), D = at(GgmlType.IQ4_NL, "d"), QS = at(GgmlType.IQ4_NL, "qs");
    }

    /** {@code d, scales_h, scales_l[4], qs[128]}. */
    public static final class IQ4_XS {
        public static final int BYTES = bytes(GgmlType.IQ4_XS), D = at(GgmlType.IQ4_XS, "d"), SCALES_H = at(GgmlType.IQ4_XS, "scales_h"),
                SCALES_L = at(GgmlType.IQ4_XS, "scales_l"), QS = at(GgmlType.IQ4_XS, "qs");
    }

    /** {@code d (F32), qs[256], bsums[16]}. */
    public static final class Q8_K {
        public static final int D = at(GgmlType.Q8_K, "d"), QS = at(GgmlType.Q8_K, "qs");
    }
}
