package dev.weft.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Measures the used heap after garbage collection. */
public final class Heap {
    private Heap() {
    }

    /**
     * The used heap after several full collections: the smallest reading of five, each taken
     * right after {@link System#gc()}.
     *
     * @return bytes in use
     */
    public static long usedAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }
}
