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
        if (!w.isNative()) {
            return heapDotF32(w, byteOffset, x, xOffset, n);
        }
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

    /**
     * {@link #dotF32(MemorySegment, long, float[], int, int)} over a heap segment, lane by lane in the vector
     * loop's order (the same bits). Heap segments stay away from the Vector API's segment loads: their shared
     * internals turn polymorphic once heap and off-heap segments both pass through them, and then allocate
     * every vector they load, also on the generation path (which reads mapped and native segments only).
     */
    private static float heapDotF32(MemorySegment w, long byteOffset, float[] x, int xOffset, int n) {
        int lanes = F.length();
        float[] acc = new float[lanes];
        int j = 0;
        int upper = F.loopBound(n);
        for (; j < upper; j += lanes) {
            for (int l = 0; l < lanes; l++) {
                acc[l] = Math.fma(Bytes.f32(w, byteOffset + 4L * (j + l)), x[xOffset + j + l], acc[l]);
            }
        }
        for (int width = lanes / 2; width >= 1; width /= 2) { // Lanes.sum's tree
            for (int l = 0; l < width; l++) {
                acc[l] += acc[l + width];
            }
        }
        float sum = acc[0];
        for (; j < n; j++) {
            sum += Bytes.f32(w, byteOffset + 4L * j) * x[xOffset + j];
        }
        return sum;
    }
}
