package dev.weft;

import java.time.Duration;

/**
 * A loop's clock and how an idle loop waits for its next event. The clock is monotonic time since
 * the loop was made, or virtual time, which jumps to the next timer whenever nothing is ready.
 * An idle loop waits in its selector once it has sockets, else parks its thread (or, on virtual
 * time, just moves the clock).
 */
final class LoopClock {
    private final EventLoop loop;
    private final boolean virtual;
    private final long origin = System.nanoTime();
    private long virtualNow;

    LoopClock(EventLoop loop, boolean virtual) {
        this.loop = loop;
        this.virtual = virtual;
    }

    /** A duration in nanoseconds, saturated instead of overflowing. */
    static long toNanos(Duration d) {
        if (d == null) {
            throw new NullPointerException("duration");
        }
        try {
            return d.toNanos();
        } catch (ArithmeticException overflow) {
            return d.isNegative() ? Long.MIN_VALUE / 2 : Long.MAX_VALUE / 2;
        }
    }

    /** Loop time in nanoseconds. */
    long now() {
        return virtual ? virtualNow : System.nanoTime() - origin;
    }

    boolean isVirtual() {
        return virtual;
    }

    /**
     * Waits, with nothing ready, until {@code deadline} (loop time; {@code Long.MAX_VALUE}: no
     * timer), a socket is ready, or another thread posts. Returns {@code false} if nothing can
     * ever come: no timer, no socket, nothing expected from another thread.
     */
    boolean waitIdle(long deadline, IoDriver io, ThreadsafeInbox inbox) {
        boolean timer = deadline != Long.MAX_VALUE;
        if (io != null && (io.waitsForIo() || timer || inbox.expectsWork())) {
            waitInSelector(io, deadline, inbox);
        } else if (timer) {
            if (virtual) {
                virtualNow = Math.max(virtualNow, deadline);
            } else {
                inbox.parkUntil(deadline, loop);
            }
        } else if (inbox.expectsWork()) {
            inbox.parkUntil(Long.MAX_VALUE, loop);
        } else {
            return false;
        }
        return true;
    }

    /**
     * On virtual time the clock jumps to the timer when no socket waits; while one waits, the loop
     * waits in real time and its clock advances by the time waited (at most to the timer).
     */
    private void waitInSelector(IoDriver io, long deadline, ThreadsafeInbox inbox) {
        boolean timer = deadline != Long.MAX_VALUE;
        if (!virtual) {
            io.select(timer ? deadline - now() : Long.MAX_VALUE, inbox);
        } else if (!io.waitsForIo() && timer) {
            virtualNow = Math.max(virtualNow, deadline);
            io.select(0, inbox);
        } else {
            long start = System.nanoTime();
            io.select(timer ? deadline - virtualNow : Long.MAX_VALUE, inbox);
            long waited = System.nanoTime() - start;
            virtualNow = timer ? Math.min(deadline, virtualNow + waited) : virtualNow + waited;
        }
    }
}
