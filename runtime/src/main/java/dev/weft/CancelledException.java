package dev.weft;

/**
 * Thrown at a task's suspension point when the task is cancelled (asyncio's
 * {@code CancelledError}).
 *
 * <p>{@link Task#cancel()} delivers it at the point where the task waits; {@code finally} blocks
 * run as it propagates. A coroutine may catch it to clean up, but should normally rethrow it: a
 * task that lets it escape ends {@linkplain Task#isCancelled() cancelled}.
 */
public class CancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with no message. */
    public CancelledException() {
        super();
    }

    /**
     * Creates an exception with the given message.
     *
     * @param message the cancellation message, or {@code null}
     */
    public CancelledException(String message) {
        super(message);
    }
}
