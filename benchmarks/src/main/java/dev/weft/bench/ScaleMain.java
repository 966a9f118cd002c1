package dev.weft.bench;

import dev.weft.bench.ScaleWorkloads.Measure;

import java.util.Arrays;
import java.util.List;

/**
 * How cost grows with scale, in a JVM of its own: for 10^3 .. 10^MAX live tasks, timers or
 * waiters, the nanoseconds per operation (the median of five batches of runs) and the heap per
 * live item at the peak. Prints one JSON line per workload and size.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.weft.bench.ScaleMain [MAX_EXPONENT]} (default 7).
 * Needs a heap of several GiB for 10^7.
 */
public final class ScaleMain {
    /** Operations each size runs for its figure (at least three runs of the workload). */
    private static final long OPS_PER_SIZE = 20_000_000L;
    private static final int BATCHES = 5;
    private static final int ROUNDS = 4;

    private ScaleMain() {
    }

    /** A workload at one size: returns nanoseconds, or bytes with {@link Measure#HEAP}. */
    private interface Workload {
        long run(int n, long seed, Measure measure);
    }

    /** A workload with its key and label in the results, and its operations per live item and run. */
    private record Kind(String key, String label, Workload workload, int opsPerItem) {
    }

    /**
     * Runs every workload at every size.
     *
     * @param args the largest exponent of ten, optional; then the keys of the workloads to run
     *     (all when none is given), for profiling one of them
     */
    public static void main(String[] args) {
        int max = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Kind[] kinds = {
            new Kind("spawnJoin", "spawn and join a task", (n, seed, m) -> ScaleWorkloads.spawnJoin(n, m), 1),
            new Kind("timers", "timer: schedule, fire or cancel", ScaleWorkloads::timers, 1),
            new Kind("waitWake", "wait on a semaphore, be woken", (n, seed, m) -> ScaleWorkloads.waitWake(n, ROUNDS, m), ROUNDS),
        };
        if (args.length > 1) {
            List<String> keys = Arrays.asList(args).subList(1, args.length);
            kinds = Arrays.stream(kinds).filter(k -> keys.contains(k.key())).toArray(Kind[]::new);
        }
        for (Kind k : kinds) {
            for (int i = 0; i < 20; i++) { // warm-up: the code paths are compiled before the first size
                k.workload().run(10_000, i, Measure.TIME);
            }
        }
        for (Kind k : kinds) {
            for (int e = 3; e <= max; e++) {
                int n = (int) Math.pow(10, e);
                long runs = Math.max(BATCHES, OPS_PER_SIZE / ((long) n * k.opsPerItem()));
                long perBatch = (runs + BATCHES - 1) / BATCHES;
                double[] batches = new double[BATCHES];
                long seed = 1;
                for (int b = 0; b < BATCHES; b++) {
                    long nanos = 0;
                    for (long r = 0; r < perBatch; r++) {
                        nanos += k.workload().run(n, seed++, Measure.TIME);
                    }
                    batches[b] = (double) nanos / (perBatch * n * k.opsPerItem());
                }
                Arrays.sort(batches);
                long bytes = k.workload().run(n, seed, Measure.HEAP);
                System.out.printf("{\"kind\": \"%s\", \"label\": \"%s\", \"n\": %d, \"nsPerOp\": %.2f, "
                        + "\"minNsPerOp\": %.2f, \"maxNsPerOp\": %.2f, \"bytesPerItem\": %.1f}%n",
                        k.key(), k.label(), n, batches[BATCHES / 2], batches[0], batches[BATCHES - 1], (double) bytes / n);
            }
        }
    }
}
