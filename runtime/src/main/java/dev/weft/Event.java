package dev.weft;

/**
 * A flag tasks can wait for (asyncio's {@code Event}). {@link #set()} wakes every waiting task;
 * while the flag is set, awaiting the event continues at once. Awaiting it returns {@code null}.
 *
 * <pre>{@code
 * Event ready = new Event();
 * ...
 * await(ready);        // in one coroutine
 * ready.set();         // in another
 * }</pre>
 */
public final class Event extends QueuedAwaitable<Void> {
    private boolean value;

    /** Creates an event whose flag is clear. */
    public Event() {
    }

    /**
     * Whether the flag is set.
     *
     * @return the flag
     */
    public boolean isSet() {
        return value;
    }

    /**
     * Sets the flag and wakes every task waiting for it, in the order they began waiting.
     */
    public void set() {
        confine();
        if (!value) {
            value = true;
            wakeAll(null);
        }
    }

    /** Clears the flag: tasks that await the event from now on wait for the next {@link #set()}. */
    public void clear() {
        confine();
        value = false;
    }

    @Override
    Object awaitBegin(Task<?> task) {
        confine();
        return value ? null : enqueue(task);
    }

    @Override
    Object completedValue() {
        return value ? null : NOT_READY;
    }

    @Override
    public String toString() {
        return "Event[" + (value ? "set" : "unset") + waitersSuffix() + "]";
    }
}
