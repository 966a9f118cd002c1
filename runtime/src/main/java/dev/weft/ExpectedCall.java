package dev.weft;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A call into an {@link EventLoop} that another thread will make, announced with
 * {@link EventLoop#expectThreadsafeCall()}. Until the call is made or {@linkplain #cancel()
 * cancelled}, the loop counts it as outstanding work: when nothing else can make progress it waits
 * for the call instead of reporting a {@link DeadlockException}.
 *
 * <pre>{@code
 * Promise<String> answer = new Promise<>();
 * ExpectedCall call = EventLoop.current().expectThreadsafeCall();    // on the loop's thread
 * executor.execute(() -> {
 *     try {
 *         String v = blockingLookup();
 *         call.call(() -> answer.complete(v));                      // runs on the loop's thread
 *     } finally {
 *         call.cancel();                                            // no-op once called
 *     }
 * });
 * String v = await(answer);
 * }</pre>
 *
 * <p>Each handle is used once; its methods may be called from any thread. A handle that is never
 * called nor cancelled keeps a loop that has nothing else to do waiting for it.
 */
public final class ExpectedCall {
    private final EventLoop loop;
    private final AtomicBoolean ended = new AtomicBoolean();

    ExpectedCall(EventLoop loop) {
        this.loop = loop;
    }

    /**
     * Makes the expected call: schedules {@code callback} on the loop's thread, as
     * {@link EventLoop#callSoonThreadsafe(Runnable)} does, and ends the expectation.
     *
     * @param callback what to run on the loop's thread
     * @throws IllegalStateException if this call was already made or cancelled, or if the loop is
     *     closed
     */
    public void call(Runnable callback) {
        if (callback == null) {
            throw new NullPointerException("callback");
        }
        if (!ended.compareAndSet(false, true)) {
            throw new IllegalStateException(this + " was already made or cancelled");
        }
        try {
            // Posted before the expectation ends, so that the loop never sees neither.
            loop.callSoonThreadsafe(callback);
        } finally {
            loop.inbox.arrived();
        }
    }

    /**
     * Withdraws the expectation without making the call, for instance when the other thread
     * failed: the loop no longer waits for it.
     *
     * @return {@code false} if the call was already made or cancelled
     */
    public boolean cancel() {
        if (!ended.compareAndSet(false, true)) {
            return false;
        }
        loop.inbox.arrived();
        loop.wakeUp();
        return true;
    }

    /**
     * Whether the call was made or cancelled.
     *
     * @return {@code true} once the loop no longer waits for it
     */
    public boolean isDone() {
        return ended.get();
    }

    @Override
    public String toString() {
        return "ExpectedCall[" + (ended.get() ? "done" : "pending") + "]";
    }
}
