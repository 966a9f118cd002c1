package dev.weft;

/**
 * A mutual-exclusion lock for tasks (asyncio's {@code Lock}, with Flowno's owner rule for
 * releases by tasks).
 *
 * <p>{@link #acquire()} returns the operation to await: if the lock is free it is taken at once,
 * without a trip through the event loop; otherwise the task waits. Waiting tasks get the lock in
 * the order they started waiting (FIFO). As in asyncio, a task that finds the lock free may take
 * it at once only if no other task is queued, or if every queued wait was cancelled ("jumping the
 * queue if all waiters are cancelled"); a task woken by {@link #release()} takes the lock when it
 * runs, and if it is cancelled before that, the next waiter is woken instead, so a release is
 * never lost.
 *
 * <p>Who may release it: the task that acquires the lock is its {@linkplain #owner() owner}.
 * <ul>
 *   <li>Code running in a task follows Flowno's owner rule: only the owner may release the lock;
 *       a release by any other task throws, even if the owner has finished.
 *   <li>Code running outside any task (a callback of {@link EventLoop#callSoon},
 *       {@link EventLoop#callLater callLater} or {@link EventLoop#callAt callAt}, or code before,
 *       between or after runs of the loop) follows asyncio, where {@code release()} is a plain
 *       method that checks only that the lock is locked: it releases the lock whichever task
 *       holds it, whether that task still runs or finished holding it.
 * </ul>
 * Flowno's {@code release()} is a coroutine: only a task can call it, and its rule checks that
 * task. Code outside any task has no counterpart in Flowno; in asyncio it may release locks, and
 * programs do (a timer callback that releases, after a delay, a lock that a task acquired before
 * holds the lock's waiters back until then).
 *
 * <p>The lock is not reentrant: a task that acquires a lock it holds waits forever (the loop
 * reports a {@link DeadlockException}).
 *
 * <p>The value of the acquisition is a {@link Held} token whose {@link Held#close()} releases the
 * lock, so that a try-with-resources block is Python's {@code async with lock:}
 * <pre>{@code
 * try (Lock.Held held = await(lock.acquire())) {
 *     // critical section
 * }
 * }</pre>
 *
 * <p>A lock belongs to the event loop that runs when it is first used, and to that loop's thread
 * (see {@link EventLoop}).
 */
public final class Lock extends LoopBound {
    final WaitQueue waiters;
    /** The acquisition operation: one per lock, so that acquiring allocates nothing. */
    final Acquire acquireOp = new Acquire();
    private final Held held = new Held();
    private boolean locked;
    private Task<?> owner;

    /** Creates an unlocked lock. */
    public Lock() {
        waiters = new WaitQueue(acquireOp);
    }

    /**
     * The operation that acquires the lock (asyncio's {@code await lock.acquire()}): awaiting it
     * returns once the awaiting task holds the lock, at once if the lock is free and nobody is
     * queued for it. The same object is returned every time.
     *
     * <p>If the task is cancelled while it waits, {@link CancelledException} is thrown at the
     * await and the task does not hold the lock. Only a coroutine can await it (outside one,
     * {@link Weft#await(Awaitable)} refuses it even when the lock is free): the lock needs a task
     * to own it.
     *
     * @return the awaitable acquisition, whose value is the lock's {@link Held} token
     */
    public Awaitable<Held> acquire() {
        return acquireOp;
    }

    /**
     * Releases the lock (asyncio's {@code Lock.release()}): the lock becomes free and the first
     * waiting task, if any, is woken to take it.
     *
     * <p>Called from a task, the task must be the lock's owner (Flowno's owner rule). Called from
     * outside any task, such as a timer callback, it releases the lock whoever holds it
     * (asyncio's rule); see the class documentation.
     *
     * @throws IllegalStateException if the lock is not held ("Lock is not acquired."), or if the
     *     calling task is not its owner (the message names both tasks)
     */
    public void release() {
        confineToLoop();
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        EventLoop running = EventLoop.currentOrNull();
        Task<?> caller = running == null ? null : running.currentTask();
        if (caller == null) {
            unlock(); // asyncio: code outside any task may release a held lock
        } else {
            releaseBy(caller);
        }
    }

    /** Releases the lock on behalf of {@code task}, which must be its owner (Flowno's rule). */
    void releaseBy(Task<?> task) {
        if (!locked) {
            throw new IllegalStateException("Lock is not acquired.");
        }
        if (task != owner) {
            throw new IllegalStateException(this + " cannot be released by " + task.name()
                    + ": only " + owner.name() + ", the task that acquired it, may release it"
                    + " (code outside any task, such as a loop callback, may release it too)");
        }
        unlock();
    }

    private void unlock() {
        locked = false;
        owner = null;
        wakeUpFirst();
    }

    /**
     * Whether some task holds the lock (asyncio's {@code Lock.locked()}).
     *
     * @return {@code true} if the lock is held
     */
    public boolean isLocked() {
        return locked;
    }

    /**
     * The task that holds the lock: the one that acquired it and the only task that may release
     * it (code outside any task may release it too). It may have finished holding it.
     *
     * @return the owner, or {@code null} if the lock is free
     */
    public Task<?> owner() {
        return owner;
    }

    /** Ensures that the first waiter, if its wait is still pending, is woken to take the lock. */
    private void wakeUpFirst() {
        Task<?> first = waiters.first();
        if (first != null) {
            first.wake(held);
        }
    }

    /** Whether every queued task's wait was cancelled (vacuously true when none is queued). */
    private boolean allWaitersCancelled() {
        for (Task<?> t = waiters.first(); t != null; t = WaitQueue.next(t)) {
            if (!t.isWaitCancelled()) {
                return false;
            }
        }
        return true;
    }

    /** The number of tasks in the wait queue (asyncio: {@code len(lock._waiters)}). */
    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Lock[");
        if (locked) {
            sb.append("locked by ").append(owner.name());
        } else {
            sb.append("unlocked");
        }
        if (!waiters.isEmpty()) {
            sb.append(", waiters:").append(waiters.size());
        }
        return sb.append(']').toString();
    }

    /** Awaiting this acquires the lock; one instance per lock. */
    final class Acquire extends Awaitable<Held> {
        @Override
        Object awaitBegin(Task<?> task) {
            Lock.this.confineToLoop();
            // Fair scheduling: wait for one's turn, unless every queued wait was cancelled.
            if (!locked && allWaitersCancelled()) {
                locked = true;
                owner = task;
                return held;
            }
            return waiters.enqueue(task, this);
        }

        @Override
        boolean awaitEnd(Task<?> task) {
            waiters.remove(task);
            if (task.isResumingWithError()) {
                // Cancelled (before or after being woken): if the lock is not taken, hand the
                // wake-up on to the next waiter so that no release is lost.
                if (!locked) {
                    wakeUpFirst();
                }
                return true;
            }
            locked = true;
            owner = task;
            task.setOutcome(held);
            return true;
        }

        @Override
        String describeWait() {
            return "acquire of " + Lock.this;
        }

        @Override
        public String toString() {
            return Lock.this + ".acquire()";
        }
    }

    /**
     * The token of a held lock: closing it releases the lock, so that try-with-resources is
     * Python's {@code async with lock:}. One token exists per lock.
     */
    public final class Held extends AcquiredToken {
        private Held() {
        }

        /**
         * The lock this token belongs to.
         *
         * @return the lock
         */
        public Lock lock() {
            return Lock.this;
        }

        @Override
        Object primitive() {
            return Lock.this;
        }

        @Override
        void releasePrimitive() {
            release();
        }
    }
}
