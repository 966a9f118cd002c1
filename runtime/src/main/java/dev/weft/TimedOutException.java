package dev.weft;

/**
 * Thrown when a deadline passes: by {@link Weft#timeout(java.time.Duration, Awaitable)} and
 * {@link Timeout#run(Awaitable)} at the boundary of an expired scope, and by
 * {@link Weft#waitFor(Awaitable, java.time.Duration)} (asyncio's {@code TimeoutError}).
 *
 * <p>The work that ran out of time was cancelled first: when this exception is thrown it has
 * finished cancelling. Its {@link #getCause() cause} is the {@link CancelledException} that the
 * timeout turned into this exception, when there was one.
 *
 * <p>It is not a {@link CancelledException}: code that catches cancellations does not catch
 * timeouts, as in asyncio.
 */
public class TimedOutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with no message. */
    public TimedOutException() {
        super();
    }

    /**
     * Creates an exception with a message.
     *
     * @param message the message, or {@code null}
     */
    public TimedOutException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the cancellation it replaces.
     *
     * @param message the message, or {@code null}
     * @param cause the {@link CancelledException} the timeout turned into this exception, or
     *     {@code null}
     */
    public TimedOutException(String message, Throwable cause) {
        super(message, cause);
    }
}
