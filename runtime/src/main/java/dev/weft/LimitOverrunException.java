package dev.weft;

/**
 * A read up to a separator found none within the reader's limit (asyncio's
 * {@code LimitOverrunError}): {@link StreamReader#readUntil(byte[])} leaves the bytes in the
 * buffer; {@link StreamReader#readLine()} drops them (up to and including the separator if it
 * came), so that the next read starts after the over-long line.
 */
public class LimitOverrunException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int consumed;

    /**
     * @param message what happened
     * @param consumed how many bytes a reader would have to drop to get past the overrun
     */
    public LimitOverrunException(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /**
     * How many buffered bytes the overrun covers.
     *
     * @return the count
     */
    public int consumed() {
        return consumed;
    }
}
