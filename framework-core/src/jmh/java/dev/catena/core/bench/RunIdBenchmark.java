package dev.catena.core.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one run id: every run (each step of a sequence, and the sequence itself) gets a
 * {@link UUID#randomUUID()}, which draws from the shared {@link java.security.SecureRandom}.
 * Helps read {@link SequenceOverheadBenchmark}: a 5-step sequence makes 6 of them per invoke.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class RunIdBenchmark {

    @Benchmark
    public UUID randomUuid() {
        return UUID.randomUUID();
    }
}
