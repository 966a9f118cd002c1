package dev.weft.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

import static dev.weft.bench.Sizes.*;

/** Weft: the workloads as {@code @Coroutine} code on one event loop. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class WeftBench {
    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public long pingPongEvents() {
        return WeftWorkloads.pingPongEvents(ROUNDS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * ROUNDS)
    public long pingPongQueues() {
        return WeftWorkloads.pingPongQueues(ROUNDS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long producerConsumer() {
        return WeftWorkloads.producerConsumer(PRODUCERS, CONSUMERS, ITEMS, CAPACITY);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long spawnJoin() {
        return WeftWorkloads.spawnJoin(TASKS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(LOCKERS * TIMES)
    public long contention() {
        return WeftWorkloads.contention(LOCKERS, TIMES);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long deepCalls() {
        return WeftWorkloads.deepCalls(STEPS, DEPTH);
    }
}
