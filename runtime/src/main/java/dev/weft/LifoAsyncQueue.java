package dev.weft;

/**
 * An {@link AsyncQueue} that returns the most recently added item first (asyncio's
 * {@code LifoQueue}): a stack that tasks can wait on.
 *
 * <p>Everything but the order of the items is as in {@link AsyncQueue}: the maximum size, the
 * FIFO order in which waiting tasks are woken, {@link #taskDone()} and {@link #join()},
 * {@link #shutdown(boolean)}, and {@code null} items.
 *
 * @param <T> the type of the items
 */
public final class LifoAsyncQueue<T> extends AsyncQueue<T> {
    /** Creates an unbounded LIFO queue. */
    public LifoAsyncQueue() {
        super(0);
    }

    /**
     * Creates a LIFO queue that holds at most {@code maxSize} items.
     *
     * @param maxSize the maximum number of items; zero or less means unbounded, as in asyncio
     */
    public LifoAsyncQueue(int maxSize) {
        super(maxSize);
    }

    @Override
    String kindName() {
        return "LifoAsyncQueue";
    }

    @Override
    void addItem(T item) {
        if (count == items.length) {
            growItems();
        }
        items[count++] = item;
    }

    @Override
    @SuppressWarnings("unchecked")
    T removeItem() {
        int last = --count;
        T item = (T) items[last];
        items[last] = null;
        return item;
    }
}
