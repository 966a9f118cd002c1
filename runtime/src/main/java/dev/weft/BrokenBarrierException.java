package dev.weft;

/**
 * Thrown by an await of a {@link Barrier} that is broken ({@link Barrier#abort()}) or that was
 * reset ({@link Barrier#reset()}) while the task waited (asyncio's {@code BrokenBarrierError},
 * a {@code RuntimeError}: hence an {@link IllegalStateException} here). Unchecked.
 */
public class BrokenBarrierException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened to the barrier
     */
    public BrokenBarrierException(String message) {
        super(message);
    }
}
