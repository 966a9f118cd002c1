package dev.weft;

/**
 * A FIFO of waiting tasks, linked through the tasks themselves ({@code prev}/{@code next}), so
 * that enqueueing a waiter allocates nothing and removing a cancelled one costs O(1).
 *
 * <p>While it holds waiters the queue is registered with the tasks' event loop, which is how the
 * loop finds every blocked task for a {@link DeadlockException} report and at shutdown.
 */
class WaitQueue {
    private Task<?> head;
    private Task<?> tail;
    private int size;
    /**
     * Where the search for the first pending waiter starts ({@code null}: at the head). No waiter
     * before it has a pending wait: waiters stop pending (woken, cancelled) and stay queued until
     * they run, and a waiter starts pending only when it joins at the tail. So waking n waiters
     * one by one skips each woken one once, not once per wake-up.
     */
    private Task<?> pendingFrom;

    /** What the tasks in this queue wait for, for reports. */
    final Awaitable<?> owner;

    /** Links in the loop's list of non-empty queues. */
    WaitQueue registryPrev;
    WaitQueue registryNext;
    EventLoop registeredWith;

    WaitQueue(Awaitable<?> owner) {
        this.owner = owner;
    }

    final int size() {
        return size;
    }

    final boolean isEmpty() {
        return size == 0;
    }

    final Task<?> first() {
        return head;
    }

    /**
     * The first waiter whose wait is still pending, or {@code null}; amortized O(1).
     *
     * @return the waiter to wake next in FIFO order
     */
    final Task<?> firstPending() {
        Task<?> t = pendingFrom == null ? head : pendingFrom;
        Task<?> last = t;
        for (; t != null; t = t.next) {
            if (t.isWaitPending()) {
                pendingFrom = t;
                return t;
            }
            last = t;
        }
        pendingFrom = last;
        return null;
    }

    static Task<?> next(Task<?> t) {
        return t.next;
    }

    /** Appends {@code task}, which must not be in any queue. */
    final void add(Task<?> task) {
        task.prev = tail;
        task.next = null;
        if (tail == null) {
            head = task;
        } else {
            tail.next = task;
        }
        tail = task;
        if (size++ == 0) {
            task.loop.blocked.register(this);
        }
    }

    /**
     * Makes {@code task} wait on {@code on}, last in this queue: what an awaitable's
     * {@code awaitBegin} does when the task must wait. Returns {@link Awaitable#SUSPENDED}.
     */
    final Object enqueue(Task<?> task, Awaitable<?> on) {
        task.beginWait(on);
        add(task);
        return Awaitable.SUSPENDED;
    }

    /**
     * Removes {@code task} if it is in this queue; returns whether it was. A task is in at most one
     * queue, that of the awaitable it waits on, so callers pass only their own waiters.
     */
    final boolean remove(Task<?> task) {
        if (!contains(task)) {
            return false;
        }
        Task<?> p = task.prev;
        Task<?> n = task.next;
        if (pendingFrom == task) {
            pendingFrom = n != null ? n : p;
        }
        if (p == null) {
            head = n;
        } else {
            p.next = n;
        }
        if (n == null) {
            tail = p;
        } else {
            n.prev = p;
        }
        task.prev = null;
        task.next = null;
        if (--size == 0 && registeredWith != null) {
            registeredWith.blocked.unregister(this);
        }
        return true;
    }

    /** Removes and returns the first task, or {@code null}. */
    final Task<?> poll() {
        Task<?> t = head;
        if (t != null) {
            remove(t);
        }
        return t;
    }

    /** Whether {@code task}, a waiter of this queue's owner, is still linked here. */
    final boolean contains(Task<?> task) {
        return task.prev != null || head == task;
    }
}
