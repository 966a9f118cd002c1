package dev.weft;

/**
 * A value that some code will provide later (asyncio's {@code Future}): tasks await it, and
 * {@link #complete(Object)}, {@link #fail(Throwable)} or {@link #cancel()} settles it once,
 * waking every waiter in the order they started waiting.
 *
 * <p>A promise is bound to the loop of the first task that waits on it; complete it from another
 * thread through {@link EventLoop#callSoonThreadsafe(Runnable)}.
 *
 * @param <T> the type of the value
 */
public final class Promise<T> extends Awaitable<T> {
    private static final int PENDING = 0;
    private static final int FULFILLED = 1;
    private static final int FAILED = 2;
    private static final int CANCELLED = 3;

    private final WaitQueue waiters = new WaitQueue(this);
    private EventLoop loop;
    private int state;
    private Object outcome;

    /** Creates a pending promise. */
    public Promise() {
    }

    /**
     * Settles the promise with {@code value} and wakes its waiters.
     *
     * @param value the value
     * @throws IllegalStateException if the promise is already settled
     */
    public void complete(T value) {
        settle(FULFILLED, value);
    }

    /**
     * Settles the promise with a failure, which every waiter's {@code await} throws.
     *
     * @param failure the exception
     * @throws IllegalStateException if the promise is already settled
     */
    public void fail(Throwable failure) {
        if (failure == null) {
            throw new NullPointerException("failure");
        }
        settle(FAILED, failure);
    }

    /**
     * Cancels the promise: its waiters get a {@link CancelledException}.
     *
     * @return {@code false} if it was already settled
     */
    public boolean cancel() {
        EventLoop.checkThread(loop, this);
        if (state != PENDING) {
            return false;
        }
        settle(CANCELLED, new CancelledException());
        return true;
    }

    private void settle(int newState, Object newOutcome) {
        EventLoop.checkThread(loop, this);
        if (state != PENDING) {
            throw new IllegalStateException(this + " is already settled");
        }
        state = newState;
        outcome = newOutcome;
        for (Task<?> t = waiters.first(); t != null; t = WaitQueue.next(t)) {
            if (newState == FULFILLED) {
                t.wake(newOutcome);
            } else {
                t.wakeWithError((Throwable) newOutcome);
            }
        }
    }

    /**
     * Whether the promise is settled.
     *
     * @return {@code true} once completed, failed or cancelled
     */
    public boolean isDone() {
        return state != PENDING;
    }

    /**
     * Whether the promise was cancelled.
     *
     * @return {@code true} if cancelled
     */
    public boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * The value of a completed promise.
     *
     * @return the value
     * @throws IllegalStateException if the promise is pending
     * @throws CancelledException if it was cancelled
     * @throws TaskFailedException wrapping a checked failure; unchecked ones are rethrown
     */
    @SuppressWarnings("unchecked")
    public T result() {
        if (state == PENDING) {
            throw new IllegalStateException(this + " is not settled");
        }
        if (state == FULFILLED) {
            return (T) outcome;
        }
        throw TaskFailedException.rethrow("promise", (Throwable) outcome);
    }

    /**
     * The failure of a failed promise.
     *
     * @return the exception, or {@code null} if completed normally
     * @throws IllegalStateException if the promise is pending
     * @throws CancelledException if it was cancelled
     */
    public Throwable exception() {
        if (state == PENDING) {
            throw new IllegalStateException(this + " is not settled");
        }
        if (state == CANCELLED) {
            throw (CancelledException) outcome;
        }
        return state == FAILED ? (Throwable) outcome : null;
    }

    @Override
    Object awaitBegin(Task<?> task) throws Throwable {
        Object done = completedValue();
        if (done != NOT_READY) {
            return done;
        }
        loop = EventLoop.bind(loop, task, this);
        task.beginWait(this);
        waiters.add(task);
        return SUSPENDED;
    }

    @Override
    boolean awaitEnd(Task<?> task) {
        waiters.remove(task);
        return true;
    }

    @Override
    Object completedValue() throws Throwable {
        switch (state) {
            case PENDING: return NOT_READY;
            case FULFILLED: return outcome;
            default: throw (Throwable) outcome;
        }
    }

    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        String s;
        switch (state) {
            case PENDING: s = "pending"; break;
            case FULFILLED: s = "result=" + outcome; break;
            case FAILED: s = "failed: " + outcome; break;
            default: s = "cancelled"; break;
        }
        if (!waiters.isEmpty()) {
            s += ", waiters:" + waiters.size();
        }
        return "Promise[" + s + "]";
    }
}
