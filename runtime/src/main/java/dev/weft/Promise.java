package dev.weft;

/**
 * A value that some code will provide later (asyncio's {@code Future}): tasks await it, and
 * {@link #complete(Object)}, {@link #fail(Throwable)} or {@link #cancel()} settles it once,
 * waking every waiter in the order they started waiting.
 *
 * <p>Cancelling a task that waits on a pending promise cancels the promise, as asyncio's
 * {@code Task.cancel()} cancels the future the task waits on: every task waiting on it gets a
 * {@link CancelledException}. To wait on a promise without exposing it to the cancellation of the
 * waiting task, await {@link Weft#shield(Awaitable) shield(promise)}.
 *
 * <p>A promise belongs to the event loop that runs when it is first used, and to that loop's thread
 * (see {@link EventLoop}). To pass a value from another thread to a task, the simplest way is a
 * {@link java.util.concurrent.CompletableFuture} that the other thread completes and the task
 * awaits: the loop waits for it. To complete a promise from another thread, announce the call
 * with {@link EventLoop#expectThreadsafeCall()} and make it through the returned handle;
 * otherwise a loop with nothing else to do reports a {@link DeadlockException} instead of waiting
 * for a {@link EventLoop#callSoonThreadsafe(Runnable)} it cannot know will come:
 * <pre>{@code
 * Promise<String> answer = new Promise<>();
 * ExpectedCall call = EventLoop.current().expectThreadsafeCall();
 * worker.submit(() -> call.call(() -> answer.complete(compute())));
 * String v = await(answer);
 * }</pre>
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
     * Cancels the promise (asyncio's {@code Future.cancel()}): its waiters get a
     * {@link CancelledException}.
     *
     * @return {@code false} if it was already settled
     */
    public boolean cancel() {
        return cancel(null);
    }

    /**
     * Cancels the promise with a message for the {@link CancelledException} its waiters get
     * (asyncio's {@code Future.cancel(msg)}).
     *
     * @param message the exception's message, or {@code null}
     * @return {@code false} if it was already settled
     */
    public boolean cancel(String message) {
        confine();
        if (state != PENDING) {
            return false;
        }
        settle(CANCELLED, new CancelledException(message));
        return true;
    }

    /**
     * {@code task}, waiting on this promise, is cancelled: cancel the promise, which wakes every
     * waiter with the cancellation (asyncio's {@code Task.cancel()} cancels {@code _fut_waiter}).
     */
    @Override
    boolean cancelWait(Task<?> task, String message) {
        return cancel(message) || task.cancelPendingWait(message);
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
