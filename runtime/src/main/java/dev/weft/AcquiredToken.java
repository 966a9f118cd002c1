package dev.weft;

/**
 * What awaiting an acquisition gives (a {@link Lock.Held}, a {@link Semaphore.Permit}): closing
 * it releases what was acquired, so that a try-with-resources block is Python's
 * {@code async with} (asyncio's {@code _ContextManagerMixin}).
 */
abstract class AcquiredToken implements AutoCloseable {
    AcquiredToken() {
    }

    /** The primitive this token releases. */
    abstract Object primitive();

    /** Releases the primitive, as its {@code release()} does. */
    abstract void releasePrimitive();

    /**
     * Releases what was acquired, as the primitive's {@code release()} does.
     *
     * @throws IllegalStateException as that {@code release()} throws
     */
    @Override
    public final void close() {
        releasePrimitive();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + primitive() + "]";
    }
}
