package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.waitTasks;

import dev.weft.AsyncQueue;
import dev.weft.Coroutine;
import dev.weft.CoroutineFrame;
import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.WaitResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The {@code Queue} example of the asyncio notebook "Task Synchronization": a queue is filled with
 * the items 0 to 19 before the loop runs; consumers A, B and C, of speeds 1, 2 and 3 items per
 * second, take items while the queue is not empty; a broom wagon waits for the three with
 * {@code asyncio.wait(tasks, return_when='ALL_COMPLETED')}, and the program prints which tasks
 * are done and which pending.
 *
 * <p>The translation: {@code queue.put_nowait(x)}, {@code queue.empty()} and
 * {@code await queue.get()} are {@link AsyncQueue#putNowait}, {@link AsyncQueue#isEmpty()} and
 * {@code await(queue.get())}; taking an item from a non-empty queue continues at once, as in
 * asyncio. {@code asyncio.sleep(1 / consumer_speed)} sleeps {@link #seconds(double)}, rounded up
 * to the next nanosecond: a sleep never ends early. This matters for consumer C: 1/3 s is not a
 * whole number of nanoseconds, and rounded down, C's third sleep would end a nanosecond before
 * the whole second and C would take item 6 before A. On the notebook's real clock each sleep
 * starts a little after the previous one ended, so at every whole second A, B and C wake in that
 * order; on virtual time, with the sleeps rounded up, they do too (A and B tie and wake in the
 * order their timers were set). The broom wagon spawns the coroutines it is given, in the order
 * of the list, and awaits {@link dev.weft.Weft#waitTasks waitTasks} of them.
 *
 * <p>Where the output differs from the notebook's: the items are grabbed in the notebook's order,
 * all 20 lines, and {@code ALL TASKS COMPLETED} follows them. The three other lines print
 * objects, and Weft's objects print as Weft describes them, not as Python does:
 * <ul>
 *   <li>{@code QUEUE : ...} prints the queue: the notebook shows asyncio's
 *       {@code <Queue maxsize=0 _queue=[0, 1, ..., 19] tasks=20>}, Weft's queue prints
 *       {@code AsyncQueue[maxsize=0, size=20, tasks=20]}.
 *   <li>{@code TASKS DONE : ...} prints the set of done tasks: the notebook shows Python's set of
 *       asyncio tasks, each with its coroutine and where the notebook cell defined it, in the
 *       set's iteration order (A, C, B); Weft's set prints as Java prints a collection, in
 *       brackets, with its tasks named {@code Task-2} to {@code Task-4} ({@code Task-1} is the
 *       broom wagon) in the order they were given (A, B, C).
 *   <li>{@code TASKS PENDING : ...} prints the empty set of pending tasks, {@code []} (Python
 *       writes {@code set()}); the notebook's copy of the output is cut off after
 *       {@code TASK} on this line.
 * </ul>
 */
public final class NotebookQueue {
    private NotebookQueue() {
    }

    /** {@code seconds} of loop time, rounded up to the next nanosecond. */
    static Duration seconds(double seconds) {
        return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
    }

    /** A queue consumer. */
    @Coroutine
    static void consumerA(AsyncQueue<Integer> queue) {
        String consumerName = "Consumer A";
        int consumerSpeed = 1;
        while (!queue.isEmpty()) {
            int item = await(queue.get());
            System.out.println(consumerName + " grabbed item: " + item);
            await(sleep(seconds(1.0 / consumerSpeed)));
        }
    }

    /** A queue consumer. */
    @Coroutine
    static void consumerB(AsyncQueue<Integer> queue) {
        String consumerName = "Consumer B";
        int consumerSpeed = 2;
        while (!queue.isEmpty()) {
            int item = await(queue.get());
            System.out.println(consumerName + " grabbed item: " + item);
            await(sleep(seconds(1.0 / consumerSpeed)));
        }
    }

    /** A queue consumer. */
    @Coroutine
    static void consumerC(AsyncQueue<Integer> queue) {
        String consumerName = "Consumer C";
        int consumerSpeed = 3;
        while (!queue.isEmpty()) {
            int item = await(queue.get());
            System.out.println(consumerName + " grabbed item: " + item);
            await(sleep(seconds(1.0 / consumerSpeed)));
        }
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // queue
        AsyncQueue<Integer> queue = new AsyncQueue<>();
        for (int x = 0; x < 20; x++) {
            queue.putNowait(x);
        }
        System.out.println("QUEUE : " + queue);

        // event loop
        try (EventLoop eventLoop = EventLoop.withVirtualTime()) {
            // tasks
            List<CoroutineFrame<Void>> tasks = Arrays.asList(
                    NotebookQueueCoroutines.consumerA(queue),
                    NotebookQueueCoroutines.consumerB(queue),
                    NotebookQueueCoroutines.consumerC(queue));

            WaitResult<Task<Void>> doneAndPending =
                    eventLoop.runUntilComplete(NotebookBroomWagonCoroutines.broomWagon(tasks));
            Set<Task<Void>> done = doneAndPending.done();
            Set<Task<Void>> pending = doneAndPending.pending();
            System.out.println("TASKS DONE : " + done);
            System.out.println("TASKS PENDING : " + pending);
        }
    }
}
