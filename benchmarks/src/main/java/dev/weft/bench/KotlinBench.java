package dev.weft.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import dev.weft.bench.kotlin.KotlinWorkloads;
import java.util.concurrent.TimeUnit;

import static dev.weft.bench.Sizes.*;

/** kotlinx.coroutines on the single-threaded event loop of {@code runBlocking}. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class KotlinBench {
    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public long pingPongEvents() {
        return KotlinWorkloads.pingPongEvents(ROUNDS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public long pingPongQueues() {
        return KotlinWorkloads.pingPongQueues(ROUNDS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long producerConsumer() {
        return KotlinWorkloads.producerConsumer(PRODUCERS, CONSUMERS, ITEMS, CAPACITY);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long spawnJoin() {
        return KotlinWorkloads.spawnJoin(TASKS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(LOCKERS * TIMES)
    public long contention() {
        return KotlinWorkloads.contention(LOCKERS, TIMES);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long deepCalls() {
        return KotlinWorkloads.deepCalls(STEPS, DEPTH);
    }
}
