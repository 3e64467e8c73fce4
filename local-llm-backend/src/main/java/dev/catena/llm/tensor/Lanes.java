package dev.catena.llm.tensor;

import jdk.incubator.vector.FloatVector;

/**
 * Lane sums in a fixed order. The Vector API's {@code reduceLanes(ADD)} leaves the order open, and its
 * interpreted and compiled forms add in different orders, so a float sum could change in the last bit as the
 * JIT warms up, and with it a model's answer. Only for classes that already use the Vector API.
 */
public final class Lanes {

    private Lanes() {
    }

    /** The sum of the lanes as a tree: lane i plus lane i + n/2, then i + n/4, down to lane 0. */
    public static float sum(FloatVector v) {
        for (int w = v.length() / 2; w >= 1; w /= 2) {
            v = v.add(v.slice(w));
        }
        return v.lane(0);
    }
}
