package dev.weft.bench;

import dev.weft.bench.ScaleWorkloads.Measure;

import java.util.Arrays;

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

    /**
     * Runs every workload at every size.
     *
     * @param args the largest exponent of ten, optional
     */
    public static void main(String[] args) {
        int max = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        Object[][] workloads = {
            {"spawnJoin", "spawn and join a task", (Workload) (n, seed, m) -> ScaleWorkloads.spawnJoin(n, m), 1},
            {"timers", "timer: schedule, fire or cancel", (Workload) ScaleWorkloads::timers, 1},
            {"waitWake", "wait on a semaphore, be woken", (Workload) (n, seed, m) -> ScaleWorkloads.waitWake(n, ROUNDS, m), ROUNDS},
        };
        for (Object[] w : workloads) {
            Workload workload = (Workload) w[2];
            for (int i = 0; i < 20; i++) { // warm-up: the code paths are compiled before the first size
                workload.run(10_000, i, Measure.TIME);
            }
        }
        for (Object[] w : workloads) {
            String kind = (String) w[0];
            Workload workload = (Workload) w[2];
            int opsPerItem = (Integer) w[3];
            for (int e = 3; e <= max; e++) {
                int n = (int) Math.pow(10, e);
                long runs = Math.max(BATCHES, OPS_PER_SIZE / ((long) n * opsPerItem));
                long perBatch = (runs + BATCHES - 1) / BATCHES;
                double[] batches = new double[BATCHES];
                long seed = 1;
                for (int b = 0; b < BATCHES; b++) {
                    long nanos = 0;
                    for (long r = 0; r < perBatch; r++) {
                        nanos += workload.run(n, seed++, Measure.TIME);
                    }
                    batches[b] = (double) nanos / (perBatch * n * opsPerItem);
                }
                Arrays.sort(batches);
                long bytes = workload.run(n, seed, Measure.HEAP);
                System.out.printf("{\"kind\": \"%s\", \"label\": \"%s\", \"n\": %d, \"nsPerOp\": %.2f, "
                        + "\"minNsPerOp\": %.2f, \"maxNsPerOp\": %.2f, \"bytesPerItem\": %.1f}%n",
                        kind, w[1], n, batches[BATCHES / 2], batches[0], batches[BATCHES - 1], (double) bytes / n);
            }
        }
    }
}
