package dev.weft;

/**
 * Thrown by {@link AsyncQueue#getNowait()} when the queue holds no item (asyncio's
 * {@code QueueEmpty}). Await {@link AsyncQueue#get()} instead to wait for one.
 */
public class QueueEmptyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with no message. */
    public QueueEmptyException() {
        super();
    }

    /**
     * Creates an exception with the given message.
     *
     * @param message the message, or {@code null}
     */
    public QueueEmptyException(String message) {
        super(message);
    }
}
