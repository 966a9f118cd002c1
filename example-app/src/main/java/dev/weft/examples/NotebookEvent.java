package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.waitTasks;

import dev.weft.Coroutine;
import dev.weft.CoroutineFrame;
import dev.weft.Event;
import dev.weft.EventLoop;
import dev.weft.Task;
import dev.weft.WaitResult;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code Event} example of the asyncio notebook "Task Synchronization": consumers A and B wait
 * for an event, which a plain function, scheduled with {@code call_later}, sets 0.1 s later; a
 * "broom wagon" coroutine waits for both consumers with {@code asyncio.wait}.
 *
 * <p>The translation: {@code event_loop.call_later(0.1, functools.partial(trigger, event))} is
 * {@link EventLoop#callLater(Duration, Runnable)} with a lambda, scheduled before the loop runs;
 * {@code await event.wait()} is {@code await(event)}; {@code run_until_complete} is
 * {@link EventLoop#runUntilComplete}. {@code asyncio.wait(tasks)} is given a list of coroutines
 * and wraps each in a task; here the broom wagon spawns each coroutine object of the list, then
 * awaits {@link dev.weft.Weft#waitTasks waitTasks} of those tasks. The loop runs on virtual time,
 * so the 0.1 s pass at once.
 *
 * <p>Where the output differs from the notebook's: the notebook prints {@code Consumer B waiting}
 * before {@code Consumer A waiting}, and {@code Consumer B triggered} before
 * {@code Consumer A triggered} (its lines 1-2 and 4-5). That order is the iteration order of the
 * set that {@code asyncio.wait} makes of the coroutines before it wraps them in tasks, an order
 * that follows the coroutine objects' hashes, not the program. Weft starts the tasks in the
 * order of the list and wakes them first in, first out, so A comes before B in both pairs; the
 * other two lines, {@code EVENT SET} and {@code ALL TASKS COMPLETED}, are where the notebook has
 * them.
 */
public final class NotebookEvent {
    private NotebookEvent() {
    }

    /** The event trigger function: a plain method, which the loop calls after the delay. */
    static void trigger(Event event) {
        System.out.println("EVENT SET");
        event.set();
    }

    /** An event consumer. */
    @Coroutine
    static void consumerA(Event event) {
        String consumerName = "Consumer A";
        System.out.println(consumerName + " waiting");
        await(event);
        System.out.println(consumerName + " triggered");
    }

    /** An event consumer. */
    @Coroutine
    static void consumerB(Event event) {
        String consumerName = "Consumer B";
        System.out.println(consumerName + " waiting");
        await(event);
        System.out.println(consumerName + " triggered");
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        // event
        Event event = new Event();

        // tasks
        List<CoroutineFrame<Void>> tasks = Arrays.asList(
                NotebookEventCoroutines.consumerA(event), NotebookEventCoroutines.consumerB(event));

        // event loop
        try (EventLoop eventLoop = EventLoop.withVirtualTime()) {
            eventLoop.callLater(Duration.ofMillis(100), () -> trigger(event)); // kick off event in 0.1 sec

            WaitResult<Task<Void>> doneAndPending =
                    eventLoop.runUntilComplete(NotebookBroomWagonCoroutines.broomWagon(tasks));
        }
    }
}
