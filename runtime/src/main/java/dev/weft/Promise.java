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
public final class Promise<T> extends OnceAwaitable<T> {
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
        settleOnce(FULFILLED, value);
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
        settleOnce(FAILED, failure);
    }

    /**
     * Cancels the promise: its waiters get a {@link CancelledException}.
     *
     * @return {@code false} if it was already settled
     */
    public boolean cancel() {
        confine();
        if (state != PENDING) {
            return false;
        }
        settle(CANCELLED, new CancelledException());
        return true;
    }

    private void settleOnce(int newState, Object newOutcome) {
        confine();
        if (state != PENDING) {
            throw new IllegalStateException(this + " is already settled");
        }
        settle(newState, newOutcome);
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
        return "Promise[" + s + waitersSuffix() + "]";
    }
}
