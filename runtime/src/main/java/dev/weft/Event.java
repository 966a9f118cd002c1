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
public final class Event extends Awaitable<Void> {
    private final WaitQueue waiters = new WaitQueue(this);
    private EventLoop loop;
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
        EventLoop.checkThread(loop, this);
        if (!value) {
            value = true;
            for (Task<?> t = waiters.first(); t != null; t = WaitQueue.next(t)) {
                t.wake(null);
            }
        }
    }

    /** Clears the flag: tasks that await the event from now on wait for the next {@link #set()}. */
    public void clear() {
        EventLoop.checkThread(loop, this);
        value = false;
    }

    @Override
    Object awaitBegin(Task<?> task) {
        if (value) {
            return null;
        }
        loop = EventLoop.bind(loop, task, this);
        task.beginWait(this);
        waiters.add(task);
        return SUSPENDED;
    }

    @Override
    boolean awaitEnd(Task<?> task) {
        waiters.remove(task);
        return true;
    }

    @Override
    Object completedValue() {
        return value ? null : NOT_READY;
    }

    /** The number of tasks registered as waiters (asyncio: {@code len(event._waiters)}). */
    int waiterCount() {
        return waiters.size();
    }

    @Override
    public String toString() {
        return "Event[" + (value ? "set" : "unset")
                + (waiters.isEmpty() ? "" : ", waiters:" + waiters.size()) + "]";
    }
}
