package dev.weft;

import java.util.function.BooleanSupplier;

/**
 * A condition variable (asyncio's {@code Condition}): tasks holding its lock wait until another
 * task signals them.
 *
 * <p>Awaiting the condition itself is asyncio's {@code await cond.wait()}: the waiting task must
 * hold the lock; the wait releases it, suspends until {@link #signal()} or {@link #signalAll()}
 * wakes the task, and re-acquires the lock before it returns ({@code null}: the value type is
 * {@link Void}, where asyncio returns {@code True}). Like every condition variable it may wake
 * spuriously, so wait in a loop that checks the state, or use {@link #waitFor(BooleanSupplier)}.
 * <pre>{@code
 * try (Lock.Held held = await(cond.acquire())) {
 *     while (queue.isEmpty()) {
 *         await(cond);
 *     }
 *     ...
 * }
 * }</pre>
 *
 * <p>Cancellation follows asyncio 3.13: a task cancelled while it waits re-acquires the lock
 * before the {@link CancelledException} reaches it (further cancellations while re-acquiring are
 * absorbed, and the last one is thrown); and a task that fails after it was signalled passes the
 * signal on to another waiter, so that no signal is lost.
 *
 * <p>Waiting and signalling follow Flowno's owner rule: they require that the calling task holds
 * the lock. Releasing it follows {@link Lock#release()}. The condition belongs to the event loop that runs when it is first used, and to that
 * loop's thread (see {@link EventLoop}).
 */
public final class Condition extends Awaitable<Void> {
    private final Lock lock;
    private final WaitQueue waiters = new WaitQueue(this);
    /** What a waiting task awaits between releasing and re-acquiring the lock. */
    private final NotifyWait notifyWait = new NotifyWait();

    /** Creates a condition with a lock of its own. */
    public Condition() {
        this(new Lock());
    }

    /**
     * Creates a condition on an existing lock, which other conditions or code may share.
     *
     * @param lock the lock
     */
    public Condition(Lock lock) {
        if (lock == null) {
            throw new NullPointerException("lock");
        }
        this.lock = lock;
    }

    /**
     * The lock the condition waits with.
     *
     * @return the lock
     */
    public Lock lock() {
        return lock;
    }

    /**
     * Acquires the underlying lock, as {@link Lock#acquire()}.
     *
     * @return the awaitable acquisition
     */
    public Awaitable<Lock.Held> acquire() {
        return lock.acquire();
    }

    /**
     * Releases the underlying lock, as {@link Lock#release()}: a task must hold it; code outside
     * any task, such as a loop callback, may release it whoever holds it.
     *
     * @throws IllegalStateException if the lock is not held, or the calling task does not hold it
     */
    public void release() {
        lock.release();
    }

    /**
     * Whether the underlying lock is held, as {@link Lock#isLocked()}.
     *
     * @return {@code true} if the lock is held
     */
    public boolean isLocked() {
        return lock.isLocked();
    }

    /**
     * Waits until {@code predicate} is true (asyncio's {@code Condition.wait_for}): checks it,
     * and while it is false waits on the condition and checks it again. If it is true at once
     * the lock is not needed and nothing waits.
     *
     * @param predicate the state to wait for; called with the lock held when it had to wait
     * @return an awaitable whose value is {@code true} (the predicate's final value)
     * @throws IllegalStateException at the await, if the predicate is false and the calling task
     *     does not hold the lock
     */
    public Awaitable<Boolean> waitFor(BooleanSupplier predicate) {
        if (predicate == null) {
            throw new NullPointerException("predicate");
        }
        return new WaitForFrame(this, predicate);
    }

    /**
     * Wakes one waiting task (asyncio's {@code notify()}). The woken task continues once it
     * re-acquires the lock, which the signalling task still holds.
     *
     * @throws IllegalStateException if the calling task does not hold the lock
     */
    public void signal() {
        signal(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, in the order they started waiting (asyncio's
     * {@code notify(n)}).
     *
     * @param n how many tasks to wake; nothing happens if it is zero or less
     * @throws IllegalStateException if the calling task does not hold the lock
     */
    public void signal(int n) {
        confineToLoop();
        checkHeld("cannot notify on un-acquired lock", "signal");
        notifyWaiters(n);
    }

    /**
     * Wakes every waiting task (asyncio's {@code notify_all()}).
     *
     * @throws IllegalStateException if the calling task does not hold the lock
     */
    public void signalAll() {
        signal(waiters.size());
    }

    /** Wakes up to {@code n} tasks whose wait is still pending (asyncio's {@code _notify}). */
    void notifyWaiters(int n) {
        int woken = 0;
        Task<?> t;
        while (woken < n && (t = waiters.firstPending()) != null) {
            t.wake(Boolean.FALSE);
            woken++;
        }
    }

    private void checkHeld(String unlockedMessage, String what) {
        if (!lock.isLocked()) {
            throw new IllegalStateException(unlockedMessage);
        }
        EventLoop running = EventLoop.currentOrNull();
        checkOwner(running == null ? null : running.currentTask(), what);
    }

    private void checkOwner(Task<?> task, String what) {
        Task<?> owner = lock.owner();
        if (task != owner) {
            throw new IllegalStateException("cannot " + what + " on " + this + " from "
                    + (task == null ? "code running outside any task" : task.name())
                    + ": its lock is held by " + owner.name()
                    + ", and only the task holding the lock may " + what);
        }
    }

    @Override
    Object awaitBegin(Task<?> task) {
        confineToLoop();
        if (!lock.isLocked()) {
            throw new IllegalStateException("cannot wait on un-acquired lock");
        }
        checkOwner(task, "wait");
        task.value = new WaitFrame(this, task);
        return RUN_INLINE;
    }

    /** The number of tasks in the wait queue (asyncio: {@code len(cond._waiters)}). */
    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "Condition[" + (lock.isLocked() ? "locked" : "unlocked")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]";
    }

    /** Waiting for a signal: the waiter future of asyncio's {@code wait()}. */
    final class NotifyWait extends Awaitable<Object> {
        @Override
        Object awaitBegin(Task<?> task) {
            return waiters.enqueue(task, this);
        }

        @Override
        boolean awaitEnd(Task<?> task) {
            waiters.remove(task);
            return true;
        }

        @Override
        String describeWait() {
            return "signal of " + Condition.this;
        }

        @Override
        public String toString() {
            return describeWait();
        }
    }

    /**
     * asyncio's {@code Condition.wait()} as a coroutine run inline in the waiting task: release
     * the lock, wait for a signal, re-acquire the lock even when cancelled, rethrow, and pass the
     * signal on if anything is thrown.
     */
    static final class WaitFrame extends CoroutineFrame<Void> {
        private static final int WAIT_SIGNAL = 0;
        private static final int SIGNALLED = 1;
        private static final int REACQUIRED = 2;

        private final Condition cond;
        private final Task<?> task;
        /** The failure of the wait for a signal, thrown once the lock is held again. */
        private Throwable pending;
        /** The last cancellation received while re-acquiring the lock. */
        private Throwable cancelledWhileReacquiring;

        WaitFrame(Condition cond, Task<?> task) {
            this.cond = cond;
            this.task = task;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            switch (state) {
                case WAIT_SIGNAL:
                    cond.lock.releaseBy(task);
                    state = SIGNALLED;
                    return cond.notifyWait;
                case SIGNALLED:
                    pending = failure;
                    state = REACQUIRED;
                    return cond.lock.acquireOp;
                case REACQUIRED:
                    if (failure instanceof CancelledException) {
                        // The lock is re-acquired whatever happens: remember the cancellation, queue again.
                        cancelledWhileReacquiring = failure;
                        return cond.lock.acquireOp;
                    }
                    Throwable thrown = failure != null ? failure
                            : cancelledWhileReacquiring != null ? cancelledWhileReacquiring : pending;
                    if (thrown != null) {
                        // This task may have been signalled before it failed: wake another one
                        // instead (a spurious wake-up at worst).
                        cond.notifyWaiters(1);
                        throw thrown;
                    }
                    return complete(null);
                default:
                    throw invalidState(state);
            }
        }

        @Override
        public String toString() {
            return "wait on " + cond;
        }
    }

    /** asyncio's {@code Condition.wait_for()} as an inline coroutine. */
    static final class WaitForFrame extends CoroutineFrame<Boolean> {
        private final Condition cond;
        private final BooleanSupplier predicate;

        WaitForFrame(Condition cond, BooleanSupplier predicate) {
            this.cond = cond;
            this.predicate = predicate;
        }

        @Override
        protected Awaitable<?> resume(Object awaited, Throwable failure) throws Throwable {
            if (failure != null) {
                throw failure;
            }
            if (predicate.getAsBoolean()) {
                return complete(Boolean.TRUE);
            }
            return cond;
        }

        @Override
        public String toString() {
            return "waitFor on " + cond;
        }
    }
}
