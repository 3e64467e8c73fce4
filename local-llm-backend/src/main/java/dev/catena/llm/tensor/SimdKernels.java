package dev.catena.llm.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

/** Vector API kernels; only loaded when {@link VectorKernels#SIMD} is true. */
final class SimdKernels {

    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private SimdKernels() {
    }

    static float dotF32(float[] w, int wOffset, float[] x, int xOffset, int n) {
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        int upper = F.loopBound(n);
        for (; j < upper; j += F.length()) {
            FloatVector a = FloatVector.fromArray(F, w, wOffset + j);
            FloatVector b = FloatVector.fromArray(F, x, xOffset + j);
            acc = a.fma(b, acc);
        }
        float sum = Lanes.sum(acc);
        for (; j < n; j++) {
            sum += w[wOffset + j] * x[xOffset + j];
        }
        return sum;
    }

    static float dotF32(MemorySegment w, long byteOffset, float[] x, int xOffset, int n) {
        FloatVector acc = FloatVector.zero(F);
        int j = 0;
        int upper = F.loopBound(n);
        for (; j < upper; j += F.length()) {
            FloatVector a = FloatVector.fromMemorySegment(F, w, byteOffset + 4L * j, ByteOrder.LITTLE_ENDIAN);
            FloatVector b = FloatVector.fromArray(F, x, xOffset + j);
            acc = a.fma(b, acc);
        }
        float sum = Lanes.sum(acc);
        for (; j < n; j++) {
            sum += Bytes.f32(w, byteOffset + 4L * j) * x[xOffset + j];
        }
        return sum;
    }
}
