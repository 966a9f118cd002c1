package dev.weft.bench;

/**
 * The sizes of the workloads. Every benchmark reports the time per operation (per switch, item,
 * task, acquisition or step), so anchors too slow for the full size run a smaller one.
 */
final class Sizes {
    private Sizes() {
    }

    /** Ping-pong round trips; each is two switches. */
    static final int ROUNDS = 500_000;
    /** Producer/consumer: items, producers, consumers, queue capacity. */
    static final int ITEMS = 1_000_000;
    static final int PRODUCERS = 4;
    static final int CONSUMERS = 4;
    static final int CAPACITY = 64;
    /** Spawn and join: tasks. */
    static final int TASKS = 1_000_000;
    /** Contention: tasks and acquisitions per task. */
    static final int LOCKERS = 10_000;
    static final int TIMES = 100;
    /** Sub-coroutines: steps and call depth. */
    static final int STEPS = 100_000;
    static final int DEPTH = 10;

    /** Virtual threads: fewer rounds and acquisitions (10,000 threads taking the lock 10 times). */
    static final int VT_ROUNDS = 50_000;
    static final int VT_TIMES = 10;

    /** Platform threads. */
    static final int PT_ROUNDS = 10_000;
    static final int PT_ITEMS = 200_000;
    static final int PT_TASKS = 10_000;
    static final int PT_LOCKERS = 100;
}
