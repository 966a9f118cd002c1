package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.waitTasks;

import dev.weft.Condition;
import dev.weft.Coroutine;
import dev.weft.CoroutineFrame;
import dev.weft.EventLoop;
import dev.weft.Lock;
import dev.weft.Task;
import dev.weft.WaitResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code Condition} example of the asyncio notebook "Task Synchronization": five consumers
 * wait on a condition; a manipulating task, started first, notifies one of them after 0.1 s, two
 * more 0.1 s later, and the rest 0.1 s after that; a broom wagon waits for the consumers with
 * {@code asyncio.wait}.
 *
 * <p>The translation: {@code with await condition:} takes the condition's lock for the block; it
 * is a try-with-resources block on the token of {@link Condition#acquire()}. Awaiting the
 * condition itself ({@code await(condition)}) is {@code await condition.wait()}: it releases the
 * lock while the task waits and takes it back before the task goes on.
 * {@link Condition#signal(int) signal(i)} and {@link Condition#signalAll()} are
 * {@code notify(n=i)} and {@code notify_all()}. {@code event_loop.create_task(manipulate(condition))}
 * is {@link EventLoop#spawn}, before {@code run_until_complete} runs the broom wagon, which spawns
 * the coroutines it is given and awaits {@link dev.weft.Weft#waitTasks waitTasks} of them.
 *
 * <p>Where the output differs from the notebook's: the notebook's consumers run in the order 3,
 * 4, 2, 1, 0, the iteration order of the set that {@code asyncio.wait} makes of the coroutines
 * before it wraps them in tasks (an order that follows the coroutine objects' hashes, not the
 * program). Weft starts the tasks in the order of the list, 0 to 4, and a condition wakes its
 * waiters first in, first out, so every line that names a consumer has another number here: the
 * notebook's consumers 3, 4, 2, 1, 0 are consumers 0, 1, 2, 3, 4. Each line is at the place the
 * notebook has it: {@code START MANIPULATION} first, the five {@code waiting} lines, one consumer
 * after {@code NOTIFY 1 CONSUMERS}, two after {@code NOTIFY 2 CONSUMERS}, and the last two after
 * {@code END MANIPULATION} (the manipulating task notifies them and finishes before they run),
 * then {@code ALL TASKS COMPLETED}.
 */
public final class NotebookCondition {
    private NotebookCondition() {
    }

    /** The condition manipulation function. */
    @Coroutine
    static void manipulate(Condition condition) {
        System.out.println("START MANIPULATION");

        // pause to let consumers start
        await(sleep(100));

        // notify 1 consumer, then notify 2 consumers
        for (int i = 1; i < 3; i++) {
            try (Lock.Held held = await(condition.acquire())) { // with await condition:
                System.out.println("NOTIFY " + i + " CONSUMERS");
                condition.signal(i);
            }
            await(sleep(100));
        }

        // notify remaining consumers
        try (Lock.Held held = await(condition.acquire())) {
            System.out.println("NOTIFY REMAINING");
            condition.signalAll();
        }

        System.out.println("END MANIPULATION");
    }

    /** A condition consumer. */
    @Coroutine
    static void consumer(Condition condition, int n) {
        String consumerName = "Consumer " + n;
        try (Lock.Held held = await(condition.acquire())) { // with await condition:
            System.out.println(consumerName + " waiting");
            await(condition); // await condition.wait()
            System.out.println(consumerName + " triggered");
        }

        System.out.println(consumerName + " done");
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // condition
        Condition condition = new Condition();

        // the consumers' coroutines, for the broom wagon to run
        List<CoroutineFrame<Void>> consumers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            consumers.add(NotebookConditionCoroutines.consumer(condition, i));
        }

        // event loop
        try (EventLoop eventLoop = EventLoop.withVirtualTime()) {
            eventLoop.spawn(NotebookConditionCoroutines.manipulate(condition));

            WaitResult<Task<Void>> result =
                    eventLoop.runUntilComplete(NotebookBroomWagonCoroutines.broomWagon(consumers));
        }
    }
}
