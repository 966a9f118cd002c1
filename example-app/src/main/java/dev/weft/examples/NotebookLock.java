package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.waitTasks;

import dev.weft.Coroutine;
import dev.weft.CoroutineFrame;
import dev.weft.EventLoop;
import dev.weft.Lock;
import dev.weft.Task;
import dev.weft.WaitResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code Lock} example of the asyncio notebook "Task Synchronization": the lock is acquired
 * before the consumers start, by a first {@code run_until_complete}; a timer callback releases it
 * 0.1 s later; consumer A uses it as a block ({@code with await lock:}), consumer B acquires and
 * releases it by hand; a broom wagon waits for both.
 *
 * <p>Who may release the lock. {@code event_loop.run_until_complete(lock.acquire())} runs the
 * acquisition as a task, which finishes holding the lock: that task is the lock's owner. The
 * function {@code unlock}, which {@code call_later} runs 0.1 s later, releases it. It runs as a
 * loop callback, outside any task, and Weft's {@link Lock} follows asyncio there: code outside
 * any task may release a lock whichever task holds it, even one that has finished. In a task,
 * Weft follows Flowno's owner rule instead: only the task that holds the lock may release it, so
 * consumer B's {@code lock.release()} and the end of consumer A's block are allowed (each
 * releases its own acquisition), while a third task calling {@code lock.release()} here would get
 * an {@link IllegalStateException} naming the owner.
 *
 * <p>The translation: asyncio's {@code lock.acquire()} is a coroutine that
 * {@code run_until_complete} runs as a task; Weft's is an operation for a task to await, so
 * {@link #acquire(Lock)} is that task's coroutine. {@code with await lock:} is a
 * try-with-resources block on the token that acquiring returns, {@code await lock} is
 * {@code await(lock.acquire())}. The broom wagon is the notebook's first one (cell 5, with
 * {@code return_when='ALL_COMPLETED'}), which the Lock cell uses: it spawns the coroutines it is
 * given, in the order of the list, and awaits {@link dev.weft.Weft#waitTasks waitTasks} of them.
 *
 * <p>Where the output differs from the notebook's: the notebook's lines of consumer B come before
 * those of consumer A, both the {@code waiting} lines (its lines 1-2) and the acquisitions (its
 * lines 4-7). That order is the iteration order of the set that {@code asyncio.wait} makes of the
 * coroutines before it wraps them in tasks (it follows the coroutine objects' hashes, not the
 * program), and the lock then serves its waiters first in, first out. Weft starts the tasks in
 * the order of the list, so A waits first and gets the lock first; {@code RELEASE LOCK} and
 * {@code ALL TASKS COMPLETED} are where the notebook has them.
 */
public final class NotebookLock {
    private NotebookLock() {
    }

    /** The timer callback: a plain method, run by the loop outside any task. */
    static void unlock(Lock lock) {
        System.out.println("RELEASE LOCK");
        lock.release();
    }

    /** asyncio's {@code lock.acquire()} as a coroutine, for {@code run_until_complete}. */
    @Coroutine
    static Lock.Held acquire(Lock lock) {
        return await(lock.acquire());
    }

    /** A lock consumer. */
    @Coroutine
    static void consumerA(Lock lock) {
        String consumerName = "Consumer A";
        System.out.println(consumerName + " waiting");
        // lock context management usage (implicit release)
        try (Lock.Held held = await(lock.acquire())) { // with await lock:
            System.out.println(consumerName + " acquired lock");
        }
        System.out.println(consumerName + " released lock");
    }

    /** A lock consumer. */
    @Coroutine
    static void consumerB(Lock lock) {
        String consumerName = "Consumer B";
        System.out.println(consumerName + " waiting");
        // lock direct usage (explicit release)
        await(lock.acquire()); // await lock
        try {
            System.out.println(consumerName + " acquired lock");
        } finally {
            System.out.println(consumerName + " released lock");
            lock.release();
        }
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // lock
        Lock lock = new Lock();

        // event loop
        try (EventLoop eventLoop = EventLoop.withVirtualTime()) {
            // set lock state to 'locked' (before starting coroutines)
            eventLoop.runUntilComplete(NotebookLockCoroutines.acquire(lock));

            // unlock the lock after 0.1sec.
            eventLoop.callLater(Duration.ofMillis(100), () -> unlock(lock));

            // tasks
            List<CoroutineFrame<Void>> tasks = Arrays.asList(
                    NotebookLockCoroutines.consumerA(lock), NotebookLockCoroutines.consumerB(lock));

            WaitResult<Task<Void>> doneAndPending =
                    eventLoop.runUntilComplete(NotebookBroomWagonCoroutines.broomWagon(tasks));
        }
    }
}
