package dev.catena.llm.model;

import dev.catena.llm.compute.kernel.ThreadedCompute;
import dev.catena.llm.sampling.Sampler;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.lang.management.ManagementFactory;

import static dev.catena.llm.model.ReferenceModels.ints;
import static dev.catena.llm.model.ReferenceModels.reference;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A generation step ({@link Session#next}) allocates nothing on the calling thread once the session has
 * taken its first step: buffers, RoPE tables, the attention job and the logits are reused. Measured with
 * the thread's allocation counter over 32 steps, after a warm-up that lets the JIT compile the loop (an
 * interpreted or C1-compiled Vector API call boxes its vectors; the best of up to 60 windows counts). The
 * surefire execution runs it with {@code -XX:-TieredCompilation}: with tiers, a deoptimized attention method
 * can spend many windows in C1 code, which allocates, so the count measured the JIT's state rather than the
 * model's code. The model runs on {@link ThreadedCompute} with one
 * thread, whose products call the tensor kernels directly, so the bound covers the model's own code.
 */
class DecodeAllocationTest {

    private static final int STEPS = 32;
    /** Bytes per step allowed: a few stray objects, far below one activation vector (256 bytes). */
    private static final long BYTES_PER_STEP = 16;

    @ParameterizedTest
    @FieldSource("dev.catena.llm.model.ReferenceModels#F32")
    void aGenerationStepAllocatesNothing(String name) {
        try (ReferenceModels.Loaded m = ReferenceModels.load(name, 1)) {
            assertStepsAllocateNothing(m.transformer(), name, name);
        }
    }

    /**
     * The same on the integer kernels ({@link dev.catena.llm.compute.kernel.KernelCompute}) with quantized weights, on
     * one thread and on two (the calling thread hands reused jobs to the worker pool).
     */
    @ParameterizedTest
    @FieldSource("dev.catena.llm.model.ReferenceModels#QUANTIZED")
    void aGenerationStepOnTheIntegerKernelsAllocatesNothing(String name) {
        String kernels = dev.catena.llm.compute.kernel.KernelBackends.available().getFirst();
        for (int threads : new int[] {1, 2}) {
            try (ReferenceModels.Loaded m = ReferenceModels.load(name, threads, kernels)) {
                assertStepsAllocateNothing(m.transformer(), name, name + " on " + kernels + ", " + threads + " threads");
            }
        }
    }

    private static void assertStepsAllocateNothing(Transformer t, String model, String name) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int[] prompt = ints(reference(model).get("prompt"));
        long best = Long.MAX_VALUE;
        // the JIT compiles in the background (slowly on a busy machine), and until then an interpreted
        // Vector API call allocates: measure windows after more and more warm-up, keep the best
        for (int attempt = 0; attempt < 60 && best > STEPS * BYTES_PER_STEP; attempt++) {
            for (int round = 0; round < 20; round++) {
                decode(new Session(t, 256), prompt, 200);
            }
            Session s = new Session(t, prompt.length + STEPS + 2);
            float[] logits = s.prefill(prompt);
            logits = s.next(Sampler.argmax(logits)); // the first step sets up the session's step buffers
            long before = threads.getCurrentThreadAllocatedBytes();
            long counterItself = threads.getCurrentThreadAllocatedBytes() - before;
            before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < STEPS; i++) {
                logits = s.next(Sampler.argmax(logits));
            }
            best = Math.min(best, threads.getCurrentThreadAllocatedBytes() - before - counterItself);
            assertThat(s.length()).isEqualTo(prompt.length + STEPS + 1);
        }
        assertThat(best).as("bytes allocated by %d generation steps of %s", STEPS, name)
                .isLessThanOrEqualTo(STEPS * BYTES_PER_STEP);
    }

    private static void decode(Session s, int[] prompt, int steps) {
        float[] logits = s.prefill(prompt);
        for (int i = 0; i < steps; i++) {
            logits = s.next(Sampler.argmax(logits));
        }
    }
}
