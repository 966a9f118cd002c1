package dev.weft;

/**
 * Thrown by {@link AsyncQueue#putNowait(Object)} when the queue holds its maximum number of items
 * (asyncio's {@code QueueFull}). Await {@link AsyncQueue#put(Object)} instead to wait for a free
 * slot.
 */
public class QueueFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with no message. */
    public QueueFullException() {
        super();
    }

    /**
     * Creates an exception with the given message.
     *
     * @param message the message, or {@code null}
     */
    public QueueFullException(String message) {
        super(message);
    }
}
