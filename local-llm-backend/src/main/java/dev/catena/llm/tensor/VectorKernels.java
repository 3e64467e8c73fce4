package dev.catena.llm.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Inner-loop kernels with a Vector API path and a scalar fallback. The Vector API is used when the
 * {@code jdk.incubator.vector} module is present (JVM flag {@code --add-modules jdk.incubator.vector})
 * and the system property {@code catena.tensor.scalar} is not {@code true}.
 */
final class VectorKernels {

    /** Whether the Vector API path is used. */
    static final boolean SIMD = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !Boolean.getBoolean("catena.tensor.scalar");

    private VectorKernels() {
    }

    static float dotF32(float[] w, int wOffset, float[] x, int xOffset, int n) {
        return SIMD ? SimdKernels.dotF32(w, wOffset, x, xOffset, n) : scalarDotF32(w, wOffset, x, xOffset, n);
    }

    static float dotF32(MemorySegment w, long byteOffset, float[] x, int xOffset, int n) {
        return SIMD ? SimdKernels.dotF32(w, byteOffset, x, xOffset, n) : scalarDotF32(w, byteOffset, x, xOffset, n);
    }

    /** The scalar path of {@link #dotF32(float[], int, float[], int, int)}. */
    static float scalarDotF32(float[] w, int wOffset, float[] x, int xOffset, int n) {
        float sum = 0f;
        for (int j = 0; j < n; j++) {
            sum += w[wOffset + j] * x[xOffset + j];
        }
        return sum;
    }

    /** The scalar path of {@link #dotF32(MemorySegment, long, float[], int, int)}. */
    static float scalarDotF32(MemorySegment w, long byteOffset, float[] x, int xOffset, int n) {
        float sum = 0f;
        for (int j = 0; j < n; j++) {
            sum += Bytes.f32(w, byteOffset + 4L * j) * x[xOffset + j];
        }
        return sum;
    }
}
