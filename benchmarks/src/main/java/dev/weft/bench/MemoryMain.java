package dev.weft.bench;

import dev.weft.bench.kotlin.KotlinWorkloads;

import java.util.ArrayDeque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;

/**
 * Workload 5, in a JVM of its own: {@code count} coroutines (or threads) suspended on one
 * signal; prints the growth of the used heap after GC per suspended coroutine, as one JSON line.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.weft.bench.MemoryMain weft|baseline|virtual|platform|kotlin COUNT}
 */
public final class MemoryMain {
    private MemoryMain() {
    }

    /**
     * Runs one measurement.
     *
     * @param args the anchor and the number of coroutines
     * @throws Exception if the measurement fails
     */
    public static void main(String[] args) throws Exception {
        String anchor = args[0];
        int count = Integer.parseInt(args[1]);
        // Warm up: the code paths and classes are loaded before the first reading.
        measure(anchor, Math.min(count, 10_000));
        long bytes = measure(anchor, count);
        System.out.printf("{\"anchor\": \"%s\", \"count\": %d, \"bytes\": %d, \"perCoroutine\": %.1f}%n",
                anchor, count, bytes, (double) bytes / count);
    }

    static long measure(String anchor, int count) throws Exception {
        switch (anchor) {
            case "weft":
                return WeftWorkloads.suspendedMany(count);
            case "baseline":
                return baseline(count);
            case "virtual":
                return threads(Thread.ofVirtual().factory(), count);
            case "platform":
                return threads(Thread.ofPlatform().factory(), count);
            case "kotlin":
                return KotlinWorkloads.suspendedMany(count, Heap::usedAfterGc);
            default:
                throw new IllegalArgumentException("unknown anchor " + anchor);
        }
    }

    /** Hand-written machines parked in the waiter list of one signal. */
    private static long baseline(int count) {
        ArrayDeque<Baseline.Machine> waiters = new ArrayDeque<>();
        long before = Heap.usedAfterGc();
        for (int i = 0; i < count; i++) {
            waiters.add(new Baseline.Waiter());
        }
        long after = Heap.usedAfterGc();
        Baseline.Loop loop = new Baseline.Loop();
        loop.ready.addAll(waiters);
        waiters.clear();
        loop.run();
        return after - before;
    }

    /** Threads blocked on one semaphore (reachable through its queue). */
    private static long threads(ThreadFactory factory, int count) throws InterruptedException {
        Semaphore gate = new Semaphore(0);
        long before = Heap.usedAfterGc();
        for (int i = 0; i < count; i++) {
            factory.newThread(gate::acquireUninterruptibly).start();
        }
        while (gate.getQueueLength() < count) {
            Thread.sleep(20);
        }
        long after = Heap.usedAfterGc();
        gate.release(count);
        while (gate.availablePermits() > 0 || gate.hasQueuedThreads()) {
            Thread.sleep(5);
        }
        return after - before;
    }
}
