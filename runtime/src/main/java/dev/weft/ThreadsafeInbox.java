package dev.weft;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * What other threads hand a loop: the callbacks they post ({@link EventLoop#callSoonThreadsafe})
 * and the count of calls and completions the loop still expects from them (announced calls,
 * awaited {@link java.util.concurrent.CompletionStage}s), for which an idle loop parks instead of
 * reporting a deadlock. The only part of a loop other threads touch.
 */
final class ThreadsafeInbox {
    private final ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
    /**
     * Set by other threads after they add to {@link #posted}, cleared by the loop before it drains
     * the queue: one read per iteration instead of a poll of the concurrent queue.
     */
    private volatile boolean nonEmpty;
    private final AtomicInteger outstanding = new AtomicInteger();

    /** Adds a callback from any thread. */
    void post(Runnable callback) {
        posted.add(callback);
        nonEmpty = true;
    }

    /** Moves what other threads posted to the loop's ready queue, in the order they posted it. */
    void drainInto(ReadyQueue ready) {
        if (!nonEmpty) {
            return;
        }
        nonEmpty = false;
        Runnable r;
        while ((r = posted.poll()) != null) {
            ready.add(new Handle(r));
        }
    }

    /** Whether another thread posted a callback the loop has not taken yet. */
    boolean hasPosted() {
        return nonEmpty;
    }

    /** Whether an idle loop must wait: a callback was posted, or one is expected. */
    boolean expectsWork() {
        return outstanding.get() > 0 || !posted.isEmpty();
    }

    /** Another thread will call in, or complete what a task awaits. */
    void expect() {
        outstanding.incrementAndGet();
    }

    /** An expected call came, or was cancelled. */
    void arrived() {
        outstanding.decrementAndGet();
    }

    /**
     * Parks the loop's thread until something is posted or {@code deadline} (loop time, or
     * {@code Long.MAX_VALUE} for none) passes; with no deadline, also once nothing is expected
     * any more.
     */
    void parkUntil(long deadline, EventLoop loop) {
        while (posted.isEmpty()) {
            long wait = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - loop.nanoTime();
            if (wait <= 0) {
                return;
            }
            LockSupport.parkNanos(loop, wait);
            if (Thread.interrupted()) {
                throw new CancelledException("the event loop thread was interrupted");
            }
            if (deadline == Long.MAX_VALUE && outstanding.get() == 0) {
                return;
            }
        }
    }

    /** Drops what was posted: the loop closes. */
    void clear() {
        posted.clear();
    }
}
