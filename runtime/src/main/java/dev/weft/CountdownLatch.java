package dev.weft;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A latch that tasks wait on until a count reaches zero (Flowno's {@code CountdownLatch}).
 *
 * <p>The latch starts with a count; each {@link #countDown()} lowers it by one, and when it
 * reaches zero every waiting task is woken, in the order they started waiting. Awaiting the latch
 * (Flowno's {@code await latch.wait()}) returns {@code null} once the count is zero, at once if it
 * already is. {@link #setCount(int)} re-arms the latch while no task waits on it.
 * <pre>{@code
 * CountdownLatch latch = new CountdownLatch(2);
 * await(latch);          // consumers: wait until both items are ready
 * latch.countDown();     // producer, once per item
 * }</pre>
 *
 * <p>Unlike Flowno's, {@code countDown} is a plain method: Flowno's takes an internal lock that
 * no task holds across a suspension, so it never waits. The latch belongs to the event loop that
 * runs when it is first used, and to that loop's thread (see {@link EventLoop}).
 */
public final class CountdownLatch extends QueuedAwaitable<Void> {
    private static final Logger LOG = Logger.getLogger("dev.weft");

    private int count;

    /**
     * Creates a latch.
     *
     * @param count the number of {@link #countDown()} calls that release the waiting tasks
     * @throws IllegalArgumentException if {@code count} is negative
     */
    public CountdownLatch(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("CountdownLatch count must be non-negative");
        }
        this.count = count;
    }

    /**
     * The current count.
     *
     * @return how many more {@link #countDown()} calls release the waiting tasks
     */
    public int count() {
        return count;
    }

    /**
     * Sets a new count, to reuse the latch (Flowno's {@code set_count}). With a count of zero,
     * awaiting the latch continues at once.
     *
     * @param count the new count
     * @throws IllegalArgumentException if {@code count} is negative
     * @throws IllegalStateException if tasks are waiting on the latch
     */
    public void setCount(int count) {
        confine();
        if (count < 0) {
            throw new IllegalArgumentException("CountdownLatch count must be non-negative");
        }
        int waiting = pendingWaiters();
        if (waiting > 0) {
            throw new IllegalStateException("cannot set the count of " + this + " to " + count
                    + " while " + waiting + (waiting == 1 ? " task waits" : " tasks wait")
                    + " on it");
        }
        this.count = count;
    }

    /**
     * Lowers the count by one, waking every waiting task when it reaches zero. On a latch
     * already at zero it does nothing but log a warning, as Flowno does.
     */
    public void countDown() {
        countDown(false);
    }

    /**
     * Lowers the count by one (Flowno's {@code count_down(exception_if_zero)}), waking every
     * waiting task when it reaches zero.
     *
     * @param exceptionIfZero whether counting down a latch already at zero is an error; if
     *     {@code false} it only logs a warning
     * @throws ZeroLatchException if the count is already zero and {@code exceptionIfZero} is set
     */
    public void countDown(boolean exceptionIfZero) {
        confine();
        if (count == 0) {
            if (exceptionIfZero) {
                throw new ZeroLatchException("Cannot count down a latch that is already at zero");
            }
            LOG.log(Level.WARNING, "counted down on already zero latch: {0}", this);
            return;
        }
        if (--count == 0) {
            wakeAll(null);
        }
    }

    private int pendingWaiters() {
        int n = 0;
        for (Task<?> t = waiters.first(); t != null; t = WaitQueue.next(t)) {
            if (t.isWaitPending()) {
                n++;
            }
        }
        return n;
    }

    @Override
    Object awaitBegin(Task<?> task) {
        confine();
        return count == 0 ? null : enqueue(task);
    }

    @Override
    Object completedValue() {
        return count == 0 ? null : NOT_READY;
    }

    @Override
    public String toString() {
        return "CountdownLatch[count:" + count + waitersSuffix() + "]";
    }
}
