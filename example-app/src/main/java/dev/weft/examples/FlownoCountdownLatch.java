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
 * <p>Order of the output: Flowno's docstring prints {@code Producer: Preparing data...} first.
 * Weft runs ready tasks first in, first out: the two consumers were spawned before the producer,
 * so they run (and print that they wait) before it. Every other line is in Flowno's order.
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
        // (the data would be prepared here)
        System.out.println("Producer: Data ready, notifying consumers...");
        latch.countDown();
        latch.countDown(); // notify both consumers
        System.out.println("Producer: All consumers notified");
    }

    /** Starts the three tasks and collects the consumers' results. */
    @Coroutine
    static List<String> main() {
        // A latch that blocks until it has been counted down twice.
        CountdownLatch latch = new CountdownLatch(2);

        // spawn() starts a task and returns at once; the factories come from the processor.
        Task<String> consumer1 = spawn(FlownoCountdownLatchCoroutines.consumer("Consumer1", latch));
        Task<String> consumer2 = spawn(FlownoCountdownLatchCoroutines.consumer("Consumer2", latch));
        Task<Void> producer = spawn(FlownoCountdownLatchCoroutines.producer(latch));

        // Wait for all three tasks; awaiting a task returns its result.
        await(producer);
        String result1 = await(consumer1);
        String result2 = await(consumer2);
        return Arrays.asList(result1, result2);
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
        System.out.println(results); // Python prints the list as ['Consumer1 processed', ...]
    }
}
