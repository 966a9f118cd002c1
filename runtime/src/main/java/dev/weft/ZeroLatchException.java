package dev.weft;

/**
 * Thrown by {@link CountdownLatch#countDown(boolean) countDown(true)} on a latch whose count is
 * already zero (Flowno's {@code CountdownLatch.ZeroLatchError}). Unchecked.
 */
public class ZeroLatchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the message
     */
    public ZeroLatchException(String message) {
        super(message);
    }
}
