package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.spawn;

import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Lock;
import dev.weft.Task;

/**
 * Flowno's {@code Lock} example: two tasks increment a shared counter inside a critical section;
 * the result is 2.
 *
 * <p>Python's {@code async with lock:} is a try-with-resources block on the {@link Lock.Held}
 * token that {@code await(lock.acquire())} returns: closing the token releases the lock, however
 * the block ends. Acquiring a free lock does not suspend, so Task1 runs its whole critical section
 * before Task2 starts, as in Flowno's documented output. The output is the doctest's, line for
 * line.
 */
public final class FlownoLock {
    private FlownoLock() {
    }

    /** Increments the counter while holding the lock. */
    @Coroutine
    static void criticalSection(String name, Lock lock, int[] sharedCounter) {
        System.out.println(name + ": Waiting for lock");
        try (Lock.Held held = await(lock.acquire())) { // async with lock:
            System.out.println(name + ": Acquired lock, in critical section");
            // Simulate work in critical section
            sharedCounter[0] += 1;
            System.out.println(name + ": Counter = " + sharedCounter[0]);
        }
        System.out.println(name + ": Released lock");
    }

    /** Starts two tasks that compete for the lock and returns the counter. */
    @Coroutine
    static int main() {
        Lock lock = new Lock();
        int[] counter = {0};

        // Start two tasks that compete for the lock
        Task<Void> task1 = spawn(FlownoLockCoroutines.criticalSection("Task1", lock, counter));
        Task<Void> task2 = spawn(FlownoLockCoroutines.criticalSection("Task2", lock, counter));

        await(task1);
        await(task2);
        return counter[0];
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        int result;
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            result = loop.runUntilComplete(FlownoLockCoroutines.main());
        }
        System.out.println(result);
    }
}
