package dev.weft.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

import static dev.weft.bench.Sizes.*;

/**
 * Virtual threads (JDK 21+). The script runs this class twice: with
 * {@code -Djdk.virtualThreadScheduler.parallelism=1} and with the default scheduler.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class VirtualThreadBench {
    private final ThreadWorkloads threads = ThreadWorkloads.virtual();

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * VT_ROUNDS)
    public long pingPongEvents() {
        return threads.pingPongEvents(VT_ROUNDS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * VT_ROUNDS)
    public long pingPongQueues() {
        return threads.pingPongQueues(VT_ROUNDS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(ITEMS)
    public long producerConsumer() {
        return threads.producerConsumer(PRODUCERS, CONSUMERS, ITEMS, CAPACITY);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(TASKS)
    public long spawnJoin() {
        return threads.spawnJoin(TASKS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(LOCKERS * VT_TIMES)
    public long contention() {
        return threads.contention(LOCKERS, VT_TIMES);
    }
}
