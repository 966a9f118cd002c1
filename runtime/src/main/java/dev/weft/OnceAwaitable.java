package dev.weft;

/**
 * An awaitable settled once, with a value or a failure (asyncio's {@code Future}): awaiting it
 * before it is settled waits; after, it returns the value or throws the failure at once. The base
 * of {@link Promise} and {@link Gathering}.
 */
abstract class OnceAwaitable<T> extends QueuedAwaitable<T> {
    static final int PENDING = 0;
    static final int FULFILLED = 1;
    static final int FAILED = 2;
    static final int CANCELLED = 3;

    int state;
    Object outcome;

    OnceAwaitable() {
    }

    /** Settles and wakes every waiter, in the order they began waiting. */
    final void settle(int newState, Object newOutcome) {
        state = newState;
        outcome = newOutcome;
        if (newState == FULFILLED) {
            wakeAll(newOutcome);
        } else {
            wakeAllWithError((Throwable) newOutcome);
        }
    }

    /**
     * Whether it is settled.
     *
     * @return {@code true} once it has a value, a failure, or was cancelled
     */
    public final boolean isDone() {
        return state != PENDING;
    }

    /**
     * Whether it was cancelled.
     *
     * @return {@code true} if cancelled
     */
    public final boolean isCancelled() {
        return state == CANCELLED;
    }

    /**
     * The value it was settled with.
     *
     * @return the value
     * @throws IllegalStateException if it is not settled yet
     * @throws CancelledException if it was cancelled
     * @throws TaskFailedException wrapping a checked failure; unchecked ones are rethrown as they are
     */
    @SuppressWarnings("unchecked")
    public final T result() {
        if (state == PENDING) {
            throw new IllegalStateException(this + " is not settled yet");
        }
        if (state == FULFILLED) {
            return (T) outcome;
        }
        throw TaskFailedException.rethrow(toString(), (Throwable) outcome);
    }

    /**
     * The failure it was settled with.
     *
     * @return the exception, or {@code null} if it has a value
     * @throws IllegalStateException if it is not settled yet
     * @throws CancelledException if it was cancelled
     */
    public final Throwable exception() {
        if (state == PENDING) {
            throw new IllegalStateException(this + " is not settled yet");
        }
        if (state == CANCELLED) {
            throw (CancelledException) outcome;
        }
        return state == FAILED ? (Throwable) outcome : null;
    }

    @Override
    final Object awaitBegin(Task<?> task) throws Throwable {
        confine();
        Object done = completedValue();
        return done != NOT_READY ? done : enqueue(task);
    }

    @Override
    final Object completedValue() throws Throwable {
        switch (state) {
            case PENDING: return NOT_READY;
            case FULFILLED: return outcome;
            default: throw (Throwable) outcome;
        }
    }
}
