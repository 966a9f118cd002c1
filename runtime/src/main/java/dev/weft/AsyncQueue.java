package dev.weft;

/**
 * A first-in, first-out queue for passing items between tasks (asyncio's {@code Queue}, with the
 * semantics of Python 3.13, including {@link #shutdown(boolean)}).
 *
 * <p>A queue made with a {@linkplain #AsyncQueue(int) maximum size} greater than zero holds at
 * most that many items: {@link #put(Object)} then waits for a free slot. A maximum size of zero or
 * less means the queue is unbounded (the default). {@link #get()} waits for an item.
 * {@link #putNowait(Object)} and {@link #getNowait()} never wait: they throw
 * {@link QueueFullException} and {@link QueueEmptyException} instead.
 *
 * <pre>{@code
 * AsyncQueue<Job> jobs = new AsyncQueue<>(100);
 * await(jobs.put(job));          // producer: waits while 100 jobs are queued
 * Job next = await(jobs.get());  // consumer: waits while none is
 * ...
 * jobs.taskDone();               // consumer: done with next
 * await(jobs.join());            // anyone: waits until every job put was done
 * }</pre>
 *
 * <h2>Waiting and waking</h2>
 * <ul>
 *   <li>Awaiting {@link #get()} on a queue that holds an item, or {@link #put(Object)} on a queue
 *       that is not full, completes at once, without a trip through the event loop.
 *   <li>Tasks waiting to get are woken one per item put, in the order they started waiting; tasks
 *       waiting to put are woken one per item taken, in the same FIFO order. A woken task takes
 *       its item (or slot) when it runs; if another task took it first, the woken task waits
 *       again, at the back of the line, as in asyncio.
 *   <li>A task cancelled while it waits takes nothing. If it had already been woken when the
 *       cancellation reached it, it hands its wake-up on to the next waiter (asyncio's
 *       {@code _wakeup_next}), so that no item and no free slot is left behind while someone
 *       waits for it.
 * </ul>
 *
 * <h2>Tracking work</h2>
 * Every item put counts as an unfinished task until a consumer calls {@link #taskDone()} for it;
 * {@link #join()} waits until no task is unfinished.
 *
 * <h2>Shutting down</h2>
 * {@link #shutdown()} makes every later put throw {@link QueueShutDownException}; gets go on
 * returning the items left and throw it once the queue is empty. {@code shutdown(true)} also
 * discards the items left, marking each of them done, so that gets throw at once. Either way,
 * every task waiting to put or get is woken to throw it (a woken getter takes an item if one is
 * left).
 *
 * <h2>Items</h2>
 * {@code null} is a valid item, as {@code None} is in asyncio: {@code get()} returns it like any
 * other item, and emptiness is decided by {@link #size()} alone, never by a {@code null}. (A
 * {@link PriorityAsyncQueue} in natural ordering refuses {@code null}, which it cannot order.)
 *
 * <h2>Threads</h2>
 * A queue belongs to the event loop that runs when it is first used, and must then be used from
 * that loop's thread only (see {@link EventLoop}); reach it from other threads through
 * {@link EventLoop#callSoonThreadsafe(Runnable)}.
 *
 * <p>{@link LifoAsyncQueue} and {@link PriorityAsyncQueue} differ only in the order in which
 * items come out.
 *
 * @param <T> the type of the items
 */
public class AsyncQueue<T> extends LoopBound {
    private static final Object[] NO_ITEMS = {};
    private static final int FIRST_CAPACITY = 8;

    private final int maxSize;
    /**
     * The items, kept by the storage methods of the queue's kind. The capacity is zero or a power
     * of two; a FIFO queue uses the array as a ring from {@link #head}, the other kinds use
     * {@code items[0 .. count)} with {@code head} always 0.
     */
    Object[] items = NO_ITEMS;
    /** The number of items. */
    int count;
    private int head;

    private final Get getOp = new Get();
    private final Join joinOp = new Join();
    private final WaitQueue getters;
    private final WaitQueue putters;
    private final WaitQueue joiners;
    private int unfinishedTasks;
    private boolean shutdown;

    /** Creates an unbounded queue. */
    public AsyncQueue() {
        this(0);
    }

    /**
     * Creates a queue that holds at most {@code maxSize} items.
     *
     * @param maxSize the maximum number of items; zero or less means unbounded, as in asyncio
     */
    public AsyncQueue(int maxSize) {
        this.maxSize = maxSize;
        getters = new WaitQueue(getOp);
        putters = new WaitQueue(new Put(null));
        joiners = new WaitQueue(joinOp);
    }

    // ------------------------------------------------------------------ public API

    /**
     * The operation that puts {@code item} into the queue (asyncio's {@code await queue.put(item)}):
     * awaiting it puts the item at once if the queue is not full, and otherwise waits for a free
     * slot first. Nothing happens until it is awaited; each await puts the item once.
     *
     * <p>The await throws {@link QueueShutDownException} if the queue is (or, while the task
     * waits, gets) shut down, and {@link CancelledException} if the task is cancelled while it
     * waits, in which case the item is not put.
     *
     * @param item the item; may be {@code null} (see the class description)
     * @return the awaitable put, whose value is {@code null}
     */
    public Awaitable<Void> put(T item) {
        return new Put(item);
    }

    /**
     * The operation that removes and returns the next item (asyncio's {@code await queue.get()}):
     * awaiting it takes an item at once if there is one, and otherwise waits for one. The same
     * object is returned every time, so getting allocates nothing.
     *
     * <p>The await throws {@link QueueShutDownException} if the queue is shut down and empty (at
     * the start, or when the waiting task is woken by {@link #shutdown(boolean)}), and
     * {@link CancelledException} if the task is cancelled while it waits, in which case it takes
     * no item.
     *
     * @return the awaitable get, whose value is the item
     */
    public Awaitable<T> get() {
        return getOp;
    }

    /**
     * Puts {@code item} into the queue if there is room (asyncio's {@code put_nowait}), and wakes
     * the first task waiting to get, if any.
     *
     * @param item the item; may be {@code null} (see the class description)
     * @throws QueueShutDownException if the queue was shut down
     * @throws QueueFullException if the queue holds its maximum number of items
     * @throws IllegalStateException if called from another thread than the queue's loop
     */
    public void putNowait(T item) {
        confineToLoop();
        offer(item);
    }

    /**
     * Removes and returns the next item if there is one (asyncio's {@code get_nowait}), and wakes
     * the first task waiting to put, if any.
     *
     * @return the item (which may be {@code null} if {@code null} was put)
     * @throws QueueShutDownException if the queue is empty and was shut down
     * @throws QueueEmptyException if the queue is empty
     * @throws IllegalStateException if called from another thread than the queue's loop
     */
    public T getNowait() {
        confineToLoop();
        if (count == 0) {
            if (shutdown) {
                throw shutDown();
            }
            throw new QueueEmptyException(this + " is empty");
        }
        return take();
    }

    /**
     * The number of items in the queue (asyncio's {@code qsize()}).
     *
     * @return the number of items
     */
    public int size() {
        return count;
    }

    /**
     * Whether the queue holds no item (asyncio's {@code empty()}).
     *
     * @return {@code true} if {@link #size()} is 0
     */
    public boolean isEmpty() {
        return count == 0;
    }

    /**
     * Whether the queue holds its maximum number of items (asyncio's {@code full()}); an
     * unbounded queue is never full.
     *
     * @return {@code true} if {@link #maxSize()} is positive and reached
     */
    public boolean isFull() {
        return maxSize > 0 && count >= maxSize;
    }

    /**
     * The maximum number of items, as given to the constructor (asyncio's {@code maxsize}).
     *
     * @return the maximum size; zero or less for an unbounded queue
     */
    public int maxSize() {
        return maxSize;
    }

    /**
     * Marks one item taken from the queue as processed (asyncio's {@code task_done()}): each item
     * put counts as an unfinished task until this is called for it. When no task is left
     * unfinished, every task waiting in {@link #join()} is woken.
     *
     * @throws IllegalStateException "taskDone() called too many times" if every item put was
     *     already marked done (asyncio's {@code ValueError}), or if called from another thread
     *     than the queue's loop
     */
    public void taskDone() {
        confineToLoop();
        if (unfinishedTasks <= 0) {
            throw new IllegalStateException("taskDone() called too many times");
        }
        if (--unfinishedTasks == 0) {
            wakeJoiners();
        }
    }

    /**
     * The operation that waits until every item put into the queue has been marked done with
     * {@link #taskDone()} (asyncio's {@code await queue.join()}); it completes at once if no task
     * is unfinished. The same object is returned every time.
     *
     * @return the awaitable join, whose value is {@code null}
     */
    public Awaitable<Void> join() {
        return joinOp;
    }

    /**
     * Shuts the queue down, keeping the items in it: {@code shutdown(false)}.
     *
     * @see #shutdown(boolean)
     */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * Shuts the queue down (asyncio's {@code shutdown(immediate)}, Python 3.13): from now on every
     * put throws {@link QueueShutDownException}, and so does every get on an empty queue.
     *
     * <p>If {@code immediate}, the items left in the queue are discarded, and each of them is
     * marked done as by {@link #taskDone()} (never below zero unfinished tasks), which may wake
     * the tasks waiting in {@link #join()}; gets then throw at once. Otherwise the items stay and
     * gets go on returning them until the queue is empty.
     *
     * <p>Every task waiting to put or to get is woken: a putter then throws
     * {@link QueueShutDownException}, and a getter takes an item if one is left and throws
     * otherwise. Shutting down a queue that is already shut down is allowed (an immediate
     * shutdown then still discards the items left).
     *
     * @param immediate whether to discard the items left in the queue
     * @throws IllegalStateException if called from another thread than the queue's loop
     */
    public void shutdown(boolean immediate) {
        confineToLoop();
        shutdown = true;
        if (immediate) {
            int discarded = count;
            if (discarded > 0) {
                clearItems();
                unfinishedTasks = Math.max(0, unfinishedTasks - discarded);
            }
            if (unfinishedTasks == 0) {
                wakeJoiners();
            }
        }
        Task<?> t;
        while ((t = getters.poll()) != null) {
            t.wake(null);
        }
        while ((t = putters.poll()) != null) {
            t.wake(null);
        }
    }

    /**
     * Whether {@link #shutdown(boolean)} was called.
     *
     * @return {@code true} once the queue is shut down
     */
    public boolean isShutDown() {
        return shutdown;
    }

    /**
     * The queue in asyncio's repr style, for logs and deadlock reports, e.g.
     * {@code AsyncQueue[maxsize=0, size=3, getters:1, putters:2, tasks=3, shutdown]}: the maximum
     * size and the number of items always, then the waiting getters and putters, the unfinished
     * tasks and the shut-down state when there are any.
     *
     * @return the description
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kindName()).append("[maxsize=").append(maxSize)
                .append(", size=").append(count);
        if (!getters.isEmpty()) {
            sb.append(", getters:").append(getters.size());
        }
        if (!putters.isEmpty()) {
            sb.append(", putters:").append(putters.size());
        }
        if (unfinishedTasks != 0) {
            sb.append(", tasks=").append(unfinishedTasks);
        }
        if (shutdown) {
            sb.append(", shutdown");
        }
        return sb.append(']').toString();
    }

    // ------------------------------------------------------------------ storage (asyncio's _put/_get)

    /** The name of the kind of queue, for {@link #toString()}. */
    String kindName() {
        return "AsyncQueue";
    }

    /**
     * Adds {@code item} to the storage (asyncio's {@code _put}). Must leave the queue unchanged
     * if it throws. This FIFO version appends to the ring.
     */
    void addItem(T item) {
        if (count == items.length) {
            growItems();
        }
        items[(head + count) & (items.length - 1)] = item;
        count++;
    }

    /**
     * Removes and returns the next item (asyncio's {@code _get}); only called when
     * {@code count > 0}. Must leave the queue unchanged if it throws. This FIFO version takes the
     * oldest item.
     */
    @SuppressWarnings("unchecked")
    T removeItem() {
        Object[] es = items;
        T item = (T) es[head];
        es[head] = null;
        head = (head + 1) & (es.length - 1);
        if (--count == 0) {
            head = 0;
        }
        return item;
    }

    /** Doubles the capacity (at least {@link #FIRST_CAPACITY}), keeping the items in order from 0. */
    final void growItems() {
        Object[] old = items;
        int capacity = old.length == 0 ? FIRST_CAPACITY : old.length << 1;
        if (capacity <= 0) {
            throw new OutOfMemoryError("AsyncQueue cannot hold more than " + old.length + " items");
        }
        Object[] grown = new Object[capacity];
        int firstPart = Math.min(count, old.length - head);
        System.arraycopy(old, head, grown, 0, firstPart);
        System.arraycopy(old, 0, grown, firstPart, count - firstPart);
        items = grown;
        head = 0;
    }

    /** Drops every item, for an immediate shutdown. */
    private void clearItems() {
        Object[] es = items;
        int mask = es.length - 1;
        for (int i = 0; i < count; i++) {
            es[(head + i) & mask] = null;
        }
        count = 0;
        head = 0;
    }

    // ------------------------------------------------------------------ the machinery

    /** {@code put_nowait} without the thread check. */
    private void offer(T item) {
        if (shutdown) {
            throw shutDown();
        }
        if (isFull()) {
            throw new QueueFullException(this + " is full");
        }
        addItem(item);
        unfinishedTasks++;
        wakeNext(getters);
    }

    /** {@code get_nowait} on a non-empty queue: takes the next item, wakes the next putter. */
    private T take() {
        T item = removeItem();
        wakeNext(putters);
        return item;
    }

    private QueueShutDownException shutDown() {
        return new QueueShutDownException(this + " is shut down");
    }

    /**
     * asyncio's {@code _wakeup_next}: removes waiters from the front of the line until one whose
     * wait is still pending is found, and wakes that one. Waiters whose wait was cancelled are
     * dropped on the way (they take nothing).
     */
    private static void wakeNext(WaitQueue waiters) {
        Task<?> t;
        while ((t = waiters.poll()) != null) {
            if (t.wake(null)) {
                return;
            }
        }
    }

    /** asyncio's {@code _finished.set()}: wakes every task waiting in {@link #join()}. */
    private void wakeJoiners() {
        for (Task<?> t = joiners.first(); t != null; t = WaitQueue.next(t)) {
            t.wake(null);
        }
    }

    /** The number of tasks in the getters' line (asyncio: {@code len(queue._getters)}). */
    final int getterCount() {
        return getters.size();
    }

    /** The number of tasks in the putters' line (asyncio: {@code len(queue._putters)}). */
    final int putterCount() {
        return putters.size();
    }

    /** The number of items not yet marked done (asyncio: {@code queue._unfinished_tasks}). */
    final int unfinishedTasks() {
        return unfinishedTasks;
    }

    // ------------------------------------------------------------------ the operations

    /** Awaiting this takes an item; one instance per queue. */
    final class Get extends Awaitable<T> {
        @Override
        Object awaitBegin(Task<?> task) {
            AsyncQueue.this.confineToLoop();
            if (count > 0) {
                return take();
            }
            if (shutdown) {
                throw shutDown();
            }
            return getters.enqueue(task, this);
        }

        @Override
        boolean awaitEnd(Task<?> task) {
            if (task.isResumingWithError()) {
                // Cancelled. Still in line if the cancellation came first; otherwise a put woke
                // this task for an item it will not take: wake the next getter instead.
                getters.remove(task);
                if (count > 0 && !task.isWaitCancelled()) {
                    wakeNext(getters);
                }
                return true;
            }
            // Woken (and removed from the line) by a put or a shutdown: check again.
            if (count > 0) {
                try {
                    task.setOutcome(take());
                } catch (RuntimeException | Error e) {
                    // Only a priority queue's comparator can fail here; the item stays queued.
                    wakeNext(getters);
                    task.setFailure(e);
                }
                return true;
            }
            if (shutdown) {
                task.setFailure(shutDown());
                return true;
            }
            getters.enqueue(task, this); // wait again, last in line
            return false;
        }

        @Override
        String describeWait() {
            return "get from " + AsyncQueue.this;
        }

        @Override
        public String toString() {
            return AsyncQueue.this + ".get()";
        }
    }

    /** Awaiting this puts its item; one instance per call of {@link #put(Object)}. */
    final class Put extends Awaitable<Void> {
        private final T item;

        Put(T item) {
            this.item = item;
        }

        @Override
        Object awaitBegin(Task<?> task) {
            AsyncQueue.this.confineToLoop();
            if (!isFull()) {
                offer(item);
                return null;
            }
            if (shutdown) {
                throw shutDown();
            }
            return putters.enqueue(task, this);
        }

        @Override
        boolean awaitEnd(Task<?> task) {
            if (task.isResumingWithError()) {
                // Cancelled. Still in line if the cancellation came first; otherwise a get woke
                // this task for a slot it will not fill: wake the next putter instead.
                putters.remove(task);
                if (!isFull() && !task.isWaitCancelled()) {
                    wakeNext(putters);
                }
                return true;
            }
            // Woken (and removed from the line) by a get or a shutdown: check again.
            if (!isFull()) {
                try {
                    offer(item);
                } catch (RuntimeException | Error e) {
                    // Shut down, or a priority queue's comparator refused the item. Unlike
                    // asyncio's heappush, addItem left the slot free: hand it to the next putter.
                    if (!shutdown) {
                        wakeNext(putters);
                    }
                    task.setFailure(e);
                    return true;
                }
                task.setOutcome(null);
                return true;
            }
            if (shutdown) {
                task.setFailure(shutDown());
                return true;
            }
            putters.enqueue(task, this); // wait again, last in line
            return false;
        }

        @Override
        String describeWait() {
            return "put into " + AsyncQueue.this;
        }

        @Override
        public String toString() {
            return AsyncQueue.this + ".put()";
        }
    }

    /** Awaiting this waits until no task is unfinished; one instance per queue. */
    final class Join extends Awaitable<Void> {
        @Override
        Object awaitBegin(Task<?> task) {
            AsyncQueue.this.confineToLoop();
            if (unfinishedTasks == 0) {
                return null;
            }
            return joiners.enqueue(task, this);
        }

        @Override
        boolean awaitEnd(Task<?> task) {
            joiners.remove(task);
            return true;
        }

        @Override
        Object completedValue() {
            return unfinishedTasks == 0 ? null : NOT_READY;
        }

        @Override
        String describeWait() {
            return "join of " + AsyncQueue.this;
        }

        @Override
        public String toString() {
            return AsyncQueue.this + ".join()";
        }
    }
}
