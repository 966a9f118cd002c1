package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.waitTasks;

import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Lock;
import dev.weft.Task;
import java.util.Arrays;
import java.util.List;

/**
 * asyncio's {@code Lock} example from "asyncio: Synchronization Primitives" in Doug Hellmann's
 * Python 3 Module of the Week (PyMOTW-3): the main task takes a lock, two coroutines wait for it,
 * and it is released 0.1 s later. One coroutine uses the lock as a block
 * ({@code async with}), the other acquires and releases it by hand.
 *
 * <p>Difference from the original: there a {@code call_later} callback releases the lock. Weft's
 * {@link Lock} follows Flowno's owner rule, under which only the task that acquired a lock may
 * release it, so here the main task itself sleeps 0.1 s and releases it, and the line reads
 * {@code main releasing lock} instead of {@code callback releasing lock}.
 *
 * <p>Order of the output: the original starts the coroutines in the iteration order of the set
 * that {@code asyncio.wait()} makes of them, so either may print first. Weft starts tasks and
 * hands the lock to waiters first in, first out: {@code coro1}, then {@code coro2}.
 */
public final class AsyncioLock {
    private AsyncioLock() {
    }

    @Coroutine
    static void coro1(Lock lock) {
        System.out.println("coro1 waiting for the lock");
        try (Lock.Held held = await(lock.acquire())) { // async with lock:
            System.out.println("coro1 acquired lock");
        }
        System.out.println("coro1 released lock");
    }

    @Coroutine
    static void coro2(Lock lock) {
        System.out.println("coro2 waiting for the lock");
        await(lock.acquire());
        try {
            System.out.println("coro2 acquired lock");
        } finally {
            System.out.println("coro2 released lock");
            lock.release();
        }
    }

    @Coroutine
    static void main() {
        // Create and acquire a shared lock.
        Lock lock = new Lock();
        System.out.println("acquiring the lock before starting coroutines");
        await(lock.acquire());
        System.out.println("lock acquired: " + lock.isLocked());

        // Run the coroutines that want to use the lock.
        System.out.println("waiting for coroutines");
        List<Task<Void>> coroutines = Arrays.asList(
                spawn(AsyncioLockCoroutines.coro1(lock)),
                spawn(AsyncioLockCoroutines.coro2(lock)));

        // Hold the lock for 0.1 s while they wait, then let them have it.
        await(sleep(100));
        System.out.println("main releasing lock");
        lock.release();

        await(waitTasks(coroutines));
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            loop.runUntilComplete(AsyncioLockCoroutines.main());
        }
    }
}
