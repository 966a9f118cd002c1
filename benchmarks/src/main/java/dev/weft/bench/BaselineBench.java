package dev.weft.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

import static dev.weft.bench.Sizes.*;

/** The hand-written state machines on an {@code ArrayDeque} loop: the physical limit. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BaselineBench {
    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public long pingPongEvents() {
        return Baseline.pingPongEvents(ROUNDS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public long pingPongQueues() {
        return Baseline.pingPongQueues(ROUNDS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long producerConsumer() {
        return Baseline.producerConsumer(PRODUCERS, CONSUMERS, ITEMS, CAPACITY);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long spawnJoin() {
        return Baseline.spawnJoin(TASKS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(LOCKERS * TIMES)
    public long contention() {
        return Baseline.contention(LOCKERS, TIMES);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long deepCalls() {
        return Baseline.deepCalls(STEPS, DEPTH);
    }
}
