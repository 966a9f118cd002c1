package dev.weft;

/**
 * A callback scheduled on an {@link EventLoop} with {@link EventLoop#callSoon(Runnable)}
 * (asyncio's {@code Handle}); cancel it to stop it from running.
 */
public class Handle {
    final Runnable callback;
    boolean cancelled;

    Handle(Runnable callback) {
        this.callback = callback;
    }

    /** Prevents the callback from running, if it has not run yet. */
    public void cancel() {
        cancelled = true;
    }

    /**
     * Whether {@link #cancel()} was called.
     *
     * @return {@code true} if cancelled
     */
    public final boolean isCancelled() {
        return cancelled;
    }

    void run() {
        callback.run();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + (cancelled ? "[cancelled]" : "[" + callback + "]");
    }
}
