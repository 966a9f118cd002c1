package dev.weft;

/**
 * A semaphore that refuses to be released more often than it was acquired (asyncio's
 * {@code BoundedSemaphore}): its value may never exceed the initial one, and
 * {@link #release()} throws {@link IllegalStateException} instead.
 */
public final class BoundedSemaphore extends Semaphore {
    private final int bound;

    /**
     * Creates a bounded semaphore with {@code value} permits, which is also its bound.
     *
     * @param value the initial and greatest number of permits
     * @throws IllegalArgumentException if {@code value} is negative
     */
    public BoundedSemaphore(int value) {
        super(value);
        this.bound = value;
    }

    /**
     * Refuses a release that would raise the value above the initial one ("BoundedSemaphore
     * released too many times"; asyncio raises {@code ValueError}).
     */
    @Override
    void checkRelease() {
        if (value >= bound) {
            throw new IllegalStateException("BoundedSemaphore released too many times");
        }
    }

    /**
     * The initial number of permits, which the value may not exceed.
     *
     * @return the bound
     */
    public int bound() {
        return bound;
    }

    @Override
    String kind() {
        return "BoundedSemaphore";
    }
}
