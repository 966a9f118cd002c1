package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.gatherOutcomes;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.spawn;

import dev.weft.AsyncQueue;
import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The queue example of the Python documentation ({@code asyncio} "Queues", "Examples"): a queue
 * of 20 work items is drained by three worker tasks; the main task waits until every item is
 * done ({@code queue.join()}), then cancels the workers, which otherwise wait forever for more.
 *
 * <p>Difference from the original: there each item is a random duration to sleep. Here the
 * workers have fixed speeds, 1, 2 and 3 items per second, so the run is the same every time, and
 * the loop runs on virtual time, so the few seconds of sleeping pass instantly. The faster
 * workers take more of the items: the printed interleaving shows how the queue shares them out.
 *
 * <p>This example is not from the two documents Weft's examples reproduce; it stays because it
 * shows what the asyncio notebook's queue example ({@link NotebookQueue}) does not: there the
 * consumers stop when they find the queue empty, here the workers wait for items forever, the
 * main task learns that every item was processed from {@code taskDone()} and {@code join()}, and
 * it stops the workers by cancelling them, collecting the cancellations with
 * {@code gatherOutcomes} ({@code return_exceptions=True}).
 */
public final class AsyncioDocsQueue {
    private AsyncioDocsQueue() {
    }

    /** Takes items from the queue forever, spending {@code 1 / speed} seconds on each. */
    @Coroutine
    static void worker(String name, int speed, AsyncQueue<Integer> queue, double[] totalSleep) {
        while (true) {
            // Get a work item out of the queue (waits while the queue is empty).
            int item = await(queue.get());

            // Work on it: sleep for 1/speed seconds.
            Duration time = Duration.ofNanos(1_000_000_000L / speed);
            await(sleep(time));
            totalSleep[0] += time.toNanos() / 1e9;

            // Tell the queue that the item has been processed.
            queue.taskDone();
            System.out.println(String.format(Locale.ROOT, "%s has slept for %.2f seconds (item %d)",
                    name, time.toNanos() / 1e9, item));
        }
    }

    @Coroutine
    static void main() {
        EventLoop loop = EventLoop.current();

        // Create a queue for the workload and put 20 items into it.
        AsyncQueue<Integer> queue = new AsyncQueue<>();
        for (int item = 1; item <= 20; item++) {
            queue.putNowait(item);
        }

        // Create three worker tasks, of speeds 1, 2 and 3 items/s, to process the queue.
        double[] totalSleep = {0};
        List<Task<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tasks.add(spawn(AsyncioDocsQueueCoroutines.worker("worker-" + i, i + 1, queue, totalSleep)));
        }

        // Wait until the queue is fully processed.
        double startedAt = loop.time();
        await(queue.join());
        double totalSleptFor = loop.time() - startedAt;

        // Cancel the worker tasks, and wait until they are all cancelled
        // (asyncio.gather(*tasks, return_exceptions=True)).
        for (Task<Void> task : tasks) {
            task.cancel();
        }
        await(gatherOutcomes(tasks));

        System.out.println("====");
        System.out.println(String.format(Locale.ROOT, "3 workers slept in parallel for %.2f seconds",
                totalSleptFor));
        System.out.println(String.format(Locale.ROOT, "total sleep time: %.2f seconds", totalSleep[0]));
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            loop.runUntilComplete(AsyncioDocsQueueCoroutines.main());
        }
    }
}
