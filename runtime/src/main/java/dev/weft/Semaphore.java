package dev.weft;

/**
 * A counting semaphore (asyncio's {@code Semaphore}, with the FIFO rules of CPython 3.13).
 *
 * <p>The semaphore holds a number of permits. {@link #acquire()} takes one, at once if one is
 * free and no other task is queued (a task never overtakes a queued one, even when a permit is
 * free); otherwise the task waits, and waiting tasks are served in the order they started
 * waiting. {@link #release()} returns a permit and wakes the first waiting task. A woken task that
 * is cancelled before it runs gives its permit back, and a task that takes a permit wakes as many
 * further waiters as there are free permits, so no release is lost.
 *
 * <p>Any task (or plain code) may release: permits have no owner. The value of an acquisition is
 * a {@link Permit} token whose {@link Permit#close()} releases, for try-with-resources:
 * <pre>{@code
 * try (Semaphore.Permit permit = await(sem.acquire())) {
 *     // at most N tasks here at once
 * }
 * }</pre>
 *
 * <p>A semaphore belongs to the event loop that runs when it is first used, and to that loop's
 * thread (see {@link EventLoop}).
 *
 * @see BoundedSemaphore
 */
public class Semaphore extends LoopBound {
    private final WaitQueue waiters;
    private final Acquire acquireOp = new Acquire();
    private final Permit permit = new Permit();
    int value;

    /**
     * Creates a semaphore with {@code value} permits.
     *
     * @param value the initial number of permits
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new IllegalArgumentException("Semaphore initial value must be >= 0");
        }
        this.value = value;
        this.waiters = new WaitQueue(acquireOp);
    }

    /**
     * Whether {@link #acquire()} would have to wait (asyncio's {@code locked()}): no permit is
     * free, or some task is queued whose wait was not cancelled (it goes first).
     *
     * @return {@code true} if an acquisition cannot complete at once
     */
    public boolean isLocked() {
        if (value == 0) {
            return true;
        }
        for (Task<?> t = waiters.first(); t != null; t = WaitQueue.next(t)) {
            if (!t.isWaitCancelled()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The number of free permits (asyncio's {@code _value}). Permits handed to woken tasks that
     * have not run yet are not counted.
     *
     * @return the number of free permits
     */
    public int value() {
        return value;
    }

    /**
     * The operation that takes a permit (asyncio's {@code await sem.acquire()}). The same object
     * is returned every time.
     *
     * <p>If the task is cancelled while it waits, {@link CancelledException} is thrown at the
     * await and no permit is taken.
     *
     * @return the awaitable acquisition, whose value is the semaphore's {@link Permit} token
     */
    public Awaitable<Permit> acquire() {
        return acquireOp;
    }

    /**
     * Returns a permit (asyncio's {@code release()}) and wakes the first waiting task, if any.
     *
     * @throws IllegalStateException from a {@link BoundedSemaphore} released too many times
     */
    public void release() {
        confineToLoop();
        checkRelease();
        value++;
        wakeUpNext();
    }

    /** Throws if a permit may not be returned now; a {@link BoundedSemaphore} checks its bound. */
    void checkRelease() {
    }

    /** Wakes the first waiter whose wait is pending, handing it a permit. */
    private boolean wakeUpNext() {
        Task<?> t = waiters.firstPending();
        if (t == null) {
            return false;
        }
        value--;
        t.wake(permit);
        return true;
    }

    /** The number of tasks in the wait queue (asyncio: {@code len(sem._waiters)}). */
    final int waiterCount() {
        return waiters.size();
    }

    String kind() {
        return "Semaphore";
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind()).append('[');
        if (isLocked()) {
            sb.append("locked");
        } else {
            sb.append("unlocked, value:").append(value);
        }
        if (!waiters.isEmpty()) {
            sb.append(", waiters:").append(waiters.size());
        }
        return sb.append(']').toString();
    }

    /** Awaiting this takes a permit; one instance per semaphore. */
    final class Acquire extends Awaitable<Permit> {
        @Override
        Object awaitBegin(Task<?> task) {
            Semaphore.this.confineToLoop();
            if (!isLocked()) {
                value--;
                return permit;
            }
            return waiters.enqueue(task, this);
        }

        @Override
        boolean awaitEnd(Task<?> task) {
            waiters.remove(task);
            if (task.isResumingWithError() && !task.isWaitCancelled()) {
                // Woken with a permit, then cancelled before it could take it: give it back.
                value++;
            }
            // FIFO order may have queued tasks behind this one although permits were free:
            // hand out the free permits to them now.
            while (value > 0) {
                if (!wakeUpNext()) {
                    break;
                }
            }
            if (!task.isResumingWithError()) {
                task.setOutcome(permit);
            }
            return true;
        }

        @Override
        String describeWait() {
            return "acquire of " + Semaphore.this;
        }

        @Override
        public String toString() {
            return Semaphore.this + ".acquire()";
        }
    }

    /**
     * The token of an acquired permit: closing it releases a permit, as {@link #release()}. One
     * token exists per semaphore; close it once per acquisition.
     */
    public final class Permit extends AcquiredToken {
        private Permit() {
        }

        /**
         * The semaphore this token belongs to.
         *
         * @return the semaphore
         */
        public Semaphore semaphore() {
            return Semaphore.this;
        }

        @Override
        Object primitive() {
            return Semaphore.this;
        }

        @Override
        void releasePrimitive() {
            release();
        }
    }
}
