package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.spawn;

import dev.weft.Coroutine;
import dev.weft.CountdownLatch;
import dev.weft.EventLoop;
import dev.weft.Task;
import java.util.Arrays;
import java.util.List;

/**
 * Flowno's {@code CountdownLatch} example (the module documentation of
 * {@code flowno.core.event_loop.synchronization}): two consumers wait on a latch of count 2, and
 * a producer counts it down twice, which lets both through.
 *
 * <p>Each {@code async def} of the original is a {@link Coroutine @Coroutine} method: it reads
 * like ordinary sequential Java, and {@code await(...)} marks where it may wait. The processor
 * turns each one into a state machine and generates a factory for it in
 * {@code FlownoCountdownLatchCoroutines}, which {@code spawn(...)} starts as a task.
 *
 * <p>Where the output differs from Flowno's: the doctest prints
 * {@code Producer: Preparing data...} first, before the two consumers' {@code Waiting for data...}
 * lines, and {@code Producer: Data ready, notifying consumers...} after them. No single-threaded
 * scheduler can print that: the producer prints those two lines one after the other, with no
 * await between them, so nothing else can run in between. Weft runs ready tasks first in, first
 * out: the consumers, spawned before the producer, print that they wait, then the producer prints
 * its three lines, then the consumers go on. So {@code Producer: Preparing data...} is the third
 * line here; the other six lines are in the doctest's order, and the results print as
 * {@code print(results)} prints them.
 *
 * <p>Flowno's {@code count_down()} is a coroutine ({@code await latch.count_down()}); Weft's
 * {@link CountdownLatch#countDown()} never waits, so it is a plain call.
 */
public final class FlownoCountdownLatch {
    private FlownoCountdownLatch() {
    }

    /** Waits until the latch opens, then "processes" the data. */
    @Coroutine
    static String consumer(String name, CountdownLatch latch) {
        System.out.println(name + ": Waiting for data...");
        await(latch); // suspends this task until the count reaches zero
        System.out.println(name + ": Data received, processing...");
        return name + " processed";
    }

    /** Counts the latch down twice: the second count-down opens it for every waiter at once. */
    @Coroutine
    static void producer(CountdownLatch latch) {
        System.out.println("Producer: Preparing data...");
        // Simulate data preparation
        System.out.println("Producer: Data ready, notifying consumers...");
        latch.countDown();
        latch.countDown(); // Notify both consumers
        System.out.println("Producer: All consumers notified");
    }

    /** Starts the three tasks and collects the consumers' results. */
    @Coroutine
    static List<String> main() {
        // Create a latch that will block until counted down twice
        CountdownLatch latch = new CountdownLatch(2);

        // Start two consumers that wait on the latch
        // (spawn() starts a task and returns at once; the factories come from the processor)
        Task<String> consumer1 = spawn(FlownoCountdownLatchCoroutines.consumer("Consumer1", latch));
        Task<String> consumer2 = spawn(FlownoCountdownLatchCoroutines.consumer("Consumer2", latch));

        // Start the producer that will count down the latch
        Task<Void> producerTask = spawn(FlownoCountdownLatchCoroutines.producer(latch));

        // Wait for all tasks to complete (awaiting a task returns its result)
        await(producerTask);
        String result1 = await(consumer1);
        String result2 = await(consumer2);

        return Arrays.asList(result1, result2);
    }

    /** How Python prints a list of strings: {@code ['a', 'b']}. */
    static String pythonList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (String item : items) {
            sb.append(sb.length() > 1 ? ", '" : "'").append(item).append('\'');
        }
        return sb.append(']').toString();
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        List<String> results;
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            results = loop.runUntilComplete(FlownoCountdownLatchCoroutines.main());
        }
        System.out.println(pythonList(results)); // print(results)
    }
}
