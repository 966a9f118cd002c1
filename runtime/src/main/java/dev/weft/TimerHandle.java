package dev.weft;

/**
 * A callback scheduled at a point in loop time with {@link EventLoop#callLater} or
 * {@link EventLoop#callAt} (asyncio's {@code TimerHandle}). Timers with equal deadlines fire in
 * the order they were set.
 */
public class TimerHandle extends Handle {
    final EventLoop loop;
    final long when;
    final long sequence;
    /** Its place in the loop's {@link TimerQueue} (a heap or a bucket), or -1 when not queued. */
    int heapIndex = -1;

    TimerHandle(EventLoop loop, long when, long sequence, Runnable callback) {
        super(callback);
        this.loop = loop;
        this.when = when;
        this.sequence = sequence;
    }

    /**
     * The loop time, in seconds, at which the callback is due.
     *
     * @return the deadline in the loop's {@link EventLoop#time()} scale
     */
    public final double when() {
        return when / 1e9;
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            loop.timerCancelled(this);
        }
    }

    final boolean firesBefore(TimerHandle other) {
        return when < other.when || (when == other.when && sequence < other.sequence);
    }
}
