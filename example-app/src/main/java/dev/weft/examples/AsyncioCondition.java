package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.waitTasks;

import dev.weft.Condition;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Lock;
import dev.weft.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * asyncio's {@code Condition} example from "asyncio: Synchronization Primitives" in Doug
 * Hellmann's Python 3 Module of the Week (PyMOTW-3): five consumers wait on a condition; a
 * manipulating task wakes one of them, 0.1 s later two more, and 0.1 s later all the rest.
 *
 * <p>{@code async with condition:} is a try-with-resources block on the token of the
 * condition's lock. Awaiting the condition itself ({@code await(condition)}, asyncio's
 * {@code await condition.wait()}) releases the lock while the task waits and takes it back before
 * the task goes on. {@link Condition#signal(int)} and {@link Condition#signalAll()} are asyncio's
 * {@code notify(n)} and {@code notify_all()}.
 *
 * <p>Order of the output: as in the original, the manipulating task is started before the
 * consumers, so its first line comes first. The original then lists the consumers in the
 * iteration order of the set that {@code asyncio.wait()} makes of them (3, 1, 2, 0, 4 in the
 * book); Weft starts and wakes them first in, first out: 0, 1, 2, 3, 4.
 */
public final class AsyncioCondition {
    private AsyncioCondition() {
    }

    @Coroutine
    static void consumer(Condition condition, int n) {
        try (Lock.Held held = await(condition.acquire())) { // async with condition:
            System.out.println("consumer " + n + " is waiting");
            await(condition);                                // await condition.wait()
            System.out.println("consumer " + n + " triggered");
        }
        System.out.println("ending consumer " + n);
    }

    @Coroutine
    static void manipulateCondition(Condition condition) {
        System.out.println("starting manipulate_condition");

        // Pause to let the consumers start.
        await(sleep(100));

        for (int i = 1; i < 3; i++) {
            try (Lock.Held held = await(condition.acquire())) {
                System.out.println("notifying " + i + " consumers");
                condition.signal(i);
            }
            await(sleep(100));
        }

        try (Lock.Held held = await(condition.acquire())) {
            System.out.println("notifying remaining consumers");
            condition.signalAll();
        }

        System.out.println("ending manipulate_condition");
    }

    @Coroutine
    static void main() {
        Condition condition = new Condition();

        // Schedule a task to manipulate the condition variable.
        spawn(AsyncioConditionCoroutines.manipulateCondition(condition));

        // Set up tasks watching the condition, and wait for them to be done.
        List<Task<Void>> consumers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            consumers.add(spawn(AsyncioConditionCoroutines.consumer(condition, i)));
        }
        await(waitTasks(consumers));
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            loop.runUntilComplete(AsyncioConditionCoroutines.main());
        }
    }
}
