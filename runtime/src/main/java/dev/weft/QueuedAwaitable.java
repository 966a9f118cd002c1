package dev.weft;

/**
 * An awaitable whose waiting tasks queue in one FIFO: the shape of asyncio's {@code Event},
 * {@code Future} and Flowno's latch. A waiter leaves the queue when it runs again, woken or
 * cancelled, as asyncio's {@code finally: self._waiters.remove(fut)} does. Every operation that
 * changes it or waits on it calls {@link #confine()} first.
 */
abstract class QueuedAwaitable<T> extends Awaitable<T> {
    final WaitQueue waiters = new WaitQueue(this);

    QueuedAwaitable() {
    }

    /** Checks that the calling thread may use it, binding it to the running loop on first use. */
    final void confine() {
        confineToLoop();
    }

    /** Makes {@code task} wait here, last in the queue; returns {@link #SUSPENDED}. */
    final Object enqueue(Task<?> task) {
        return waiters.enqueue(task, this);
    }

    @Override
    boolean awaitEnd(Task<?> task) {
        waiters.remove(task);
        return true;
    }

    /** Wakes every waiter whose wait is pending, in queue order, with {@code value}. */
    final void wakeAll(Object value) {
        for (Task<?> t = waiters.first(); t != null; t = WaitQueue.next(t)) {
            t.wake(value);
        }
    }

    /** Wakes every waiter whose wait is pending, in queue order, with a failure to throw. */
    final void wakeAllWithError(Throwable failure) {
        for (Task<?> t = waiters.first(); t != null; t = WaitQueue.next(t)) {
            t.wakeWithError(failure);
        }
    }

    /** The number of tasks in the queue (asyncio: {@code len(x._waiters)}). */
    final int waiterCount() {
        return waiters.size();
    }

    /** {@code ", waiters:N"} for {@code toString}, or nothing when none waits. */
    final String waitersSuffix() {
        return waiters.isEmpty() ? "" : ", waiters:" + waiters.size();
    }
}
