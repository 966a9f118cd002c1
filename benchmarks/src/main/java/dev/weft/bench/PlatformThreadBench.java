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

/** Platform threads, on smaller sizes (the time is per operation all the same). */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class PlatformThreadBench {
    private final ThreadWorkloads threads = ThreadWorkloads.platform();

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * PT_ROUNDS)
    public long pingPongEvents() {
        return threads.pingPongEvents(PT_ROUNDS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * PT_ROUNDS)
    public long pingPongQueues() {
        return threads.pingPongQueues(PT_ROUNDS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(PT_ITEMS)
    public long producerConsumer() {
        return threads.producerConsumer(PRODUCERS, CONSUMERS, PT_ITEMS, CAPACITY);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(PT_TASKS)
    public long spawnJoin() {
        return threads.spawnJoin(PT_TASKS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(PT_LOCKERS * TIMES)
    public long contention() {
        return threads.contention(PT_LOCKERS, TIMES);
    }
}
