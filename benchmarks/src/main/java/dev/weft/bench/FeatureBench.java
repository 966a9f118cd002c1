package dev.weft.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

import java.util.concurrent.TimeUnit;

/** Weft's features against their plain forms ({@link FeatureWorkloads}); nanoseconds per loop step or exception. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FeatureBench {
    static final int STEPS = 1_000_000;

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long privateField() {
        return FeatureWorkloads.privateField(STEPS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long packageField() {
        return FeatureWorkloads.packageField(STEPS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long staticCall() {
        return FeatureWorkloads.staticCall(STEPS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long virtualCall() {
        return FeatureWorkloads.virtualCall(STEPS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(STEPS)
    public long virtualCallTwoClasses() {
        return FeatureWorkloads.virtualCallTwoClasses(STEPS);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(Sizes.STEPS)
    public long deepCallsGenerated() {
        return WeftWorkloads.deepCalls(Sizes.STEPS, Sizes.DEPTH);
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.STEPS)
    public long deepCallsDirectBoxedSketch() {
        return DirectCallSketch.deepCallsBoxed(Sizes.STEPS, Sizes.DEPTH);
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.STEPS)
    public long deepCallsDirectFreshSketch() {
        return DirectCallSketch.deepCallsFresh(Sizes.STEPS, Sizes.DEPTH);
    }

    @Benchmark
    @OperationsPerInvocation(Sizes.STEPS)
    public long deepCallsDirectSketch() {
        return DirectCallSketch.deepCalls(Sizes.STEPS, Sizes.DEPTH);
    }

    @Benchmark
    @OperationsPerInvocation(2 * Sizes.ROUNDS)
    public long pingPongWithSockets() {
        return FeatureWorkloads.pingPong(Sizes.ROUNDS, true);
    }

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(2 * Sizes.ROUNDS)
    public long pingPongNoSockets() {
        return FeatureWorkloads.pingPong(Sizes.ROUNDS, false);
    }

    static final int EXCEPTIONS = 10_000;

    /** @return checksum */
    @Benchmark
    @OperationsPerInvocation(EXCEPTIONS)
    public long exceptionMapped() {
        return FeatureWorkloads.exceptions(EXCEPTIONS);
    }

    /** @return checksum */
    @Benchmark
    @Fork(jvmArgsAppend = "-Dweft.stackTraces=raw")
    @OperationsPerInvocation(EXCEPTIONS)
    public long exceptionRaw() {
        return FeatureWorkloads.exceptions(EXCEPTIONS);
    }
}
