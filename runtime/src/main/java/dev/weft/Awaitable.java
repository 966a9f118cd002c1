package dev.weft;

/**
 * Something a coroutine can wait for with {@link Weft#await(Awaitable)}: a {@link Task}, a
 * {@link Promise}, an {@link Event}, a {@link CountdownLatch}, a {@link Condition}, a
 * {@link Barrier}, or the operation objects returned by {@code lock.acquire()},
 * {@code queue.get()}, {@code Weft.sleep(...)} and the like.
 *
 * <p>Only the runtime defines awaitables; to build one of your own, complete a {@link Promise}.
 *
 * <h2>Runtime protocol</h2>
 * A task that awaits this object calls {@link #awaitBegin}. Either the outcome is available at
 * once (the fast path: a set event, a free lock, a done task), in which case it is returned or
 * thrown and the coroutine continues without a trip through the event loop; or the awaitable
 * records the task as a waiter (status {@code WAITING}) and returns {@link #SUSPENDED}. Later
 * something resolves the wait with {@link Task#wake(Object)} or {@link Task#wakeWithError}, or
 * the task is cancelled; either way the task is scheduled once, and when it runs again
 * {@link #awaitEnd} lets the awaitable finish its side of the operation (claim a lock, remove the
 * waiter from its queue, or decide to wait again) before the outcome reaches the coroutine. This
 * is the life cycle of an asyncio waiter future, with the task itself as the future, so that a
 * suspension allocates nothing.
 *
 * @param <T> the type of the value that {@code await} returns
 */
public abstract class Awaitable<T> extends LoopBound {
    /** Returned by {@link #awaitBegin} when the task now waits. */
    static final Object SUSPENDED = new Object() {
        @Override
        public String toString() {
            return "SUSPENDED";
        }
    };

    /**
     * Returned by {@link #awaitBegin} to run an operation written as a coroutine: the awaitable
     * has stored a fresh {@link CoroutineFrame} in {@code task.value}, and the runtime runs it
     * inline in the awaiting task; its result is the result of the await. This is how an awaitable
     * whose asyncio counterpart awaits several times (a condition's wait: release, wait, re-acquire)
     * is written.
     */
    static final Object RUN_INLINE = new Object() {
        @Override
        public String toString() {
            return "RUN_INLINE";
        }
    };

    /** Returned by {@link #completedValue()} when the outcome is not known yet. */
    static final Object NOT_READY = new Object() {
        @Override
        public String toString() {
            return "NOT_READY";
        }
    };

    Awaitable() {
    }

    /**
     * The task {@code task} awaits this object. Returns the value at once, throws the failure at
     * once, registers the task as a waiter (via {@link Task#beginWait(Awaitable)}) and returns
     * {@link #SUSPENDED}, or hands the runtime a coroutine to run inline ({@link #RUN_INLINE}).
     */
    abstract Object awaitBegin(Task<?> task) throws Throwable;

    /**
     * A task that waited on this object runs again, woken or cancelled; its outcome is in the
     * task. Returns {@code false} if the task was made to wait again (it must then be registered
     * anew), {@code true} to let the outcome reach the coroutine.
     */
    boolean awaitEnd(Task<?> task) {
        return true;
    }

    /**
     * {@code task}, which waits on this object, is being cancelled. The default cancels the wait:
     * the task is scheduled with a {@link CancelledException} and stays registered until
     * {@link #awaitEnd} cleans up, as asyncio leaves a cancelled waiter future in its deque.
     * Returns {@code false} if the cancellation could not be delivered to the wait (then the task
     * is cancelled at its next suspension).
     */
    boolean cancelWait(Task<?> task, String message) {
        return task.cancelPendingWait(message);
    }

    /**
     * The value of an already-complete awaitable, for {@link Weft#await} called outside a
     * coroutine; {@link #NOT_READY} if awaiting would suspend.
     */
    Object completedValue() throws Throwable {
        return NOT_READY;
    }

    /** What a task waiting on this object waits for, for deadlock reports and {@code toString}. */
    String describeWait() {
        return toString();
    }
}
