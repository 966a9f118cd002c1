package dev.weft.test;

/** How {@link WeftTest} explores the orders of a test's ready tasks. */
public enum Strategy {
    /** One run, first in first out: what a plain loop does. */
    FIFO,
    /** Each run picks uniformly among the ready items at every choice, from its own seed. */
    RANDOM,
    /**
     * Probabilistic concurrency testing ({@link dev.weft.Schedule#pct}): random task priorities
     * and {@code depth - 1} points where the running task drops to the lowest priority.
     */
    PCT,
    /** Every order, depth first, up to {@link WeftTest#schedules()} runs: for small tests. */
    EXHAUSTIVE
}
