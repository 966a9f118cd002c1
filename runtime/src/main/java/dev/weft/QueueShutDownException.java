package dev.weft;

/**
 * Thrown when putting into, or getting from, a queue that was shut down (asyncio's
 * {@code QueueShutDown}, Python 3.13).
 *
 * <p>After {@link AsyncQueue#shutdown()}, every put throws it, and gets throw it once the queue
 * is empty; after {@code shutdown(true)} the queue is emptied, so gets throw it at once. Tasks
 * that were waiting in {@link AsyncQueue#put(Object)} or {@link AsyncQueue#get()} when the queue
 * was shut down are woken and get it too (a waiting getter still takes an item if one is there).
 */
public class QueueShutDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with no message. */
    public QueueShutDownException() {
        super();
    }

    /**
     * Creates an exception with the given message.
     *
     * @param message the message, or {@code null}
     */
    public QueueShutDownException(String message) {
        super(message);
    }
}
