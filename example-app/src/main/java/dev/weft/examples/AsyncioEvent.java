package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.spawn;
import static dev.weft.Weft.waitTasks;

import dev.weft.Coroutine;
import dev.weft.Event;
import dev.weft.EventLoop;
import dev.weft.Task;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * asyncio's {@code Event} example from "asyncio: Synchronization Primitives" in Doug Hellmann's
 * Python 3 Module of the Week (PyMOTW-3): two coroutines wait for an event that a plain callback
 * sets 0.1 s later.
 *
 * <p>The callback is not a coroutine: {@link EventLoop#callLater(Duration, Runnable)} runs it on
 * the loop after the delay, and {@link Event#set()} wakes the waiting tasks. The loop runs on
 * virtual time, so the 0.1 s pass instantly.
 *
 * <p>Order of the output: the original prints {@code coro2} before {@code coro1}, because
 * {@code asyncio.wait()} puts the coroutines in a set and starts them in the set's iteration
 * order. Weft starts and wakes tasks first in, first out, so {@code coro1} comes first here.
 * Java prints booleans as {@code false}/{@code true} where Python prints {@code False}/{@code True}.
 */
public final class AsyncioEvent {
    private AsyncioEvent() {
    }

    /** The timer callback: a plain method, run by the loop. */
    static void setEvent(Event event) {
        System.out.println("setting event in callback");
        event.set();
    }

    @Coroutine
    static void coro1(Event event) {
        System.out.println("coro1 waiting for event");
        await(event);
        System.out.println("coro1 triggered");
    }

    @Coroutine
    static void coro2(Event event) {
        System.out.println("coro2 waiting for event");
        await(event);
        System.out.println("coro2 triggered");
    }

    @Coroutine
    static void main() {
        // Create a shared event.
        Event event = new Event();
        System.out.println("event start state: " + event.isSet());

        // Schedule the callback that sets it.
        EventLoop.current().callLater(Duration.ofMillis(100), () -> setEvent(event));

        // Run both coroutines as tasks and wait until both are done (asyncio.wait).
        List<Task<Void>> tasks = Arrays.asList(
                spawn(AsyncioEventCoroutines.coro1(event)),
                spawn(AsyncioEventCoroutines.coro2(event)));
        await(waitTasks(tasks));
        System.out.println("event end state: " + event.isSet());
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            loop.runUntilComplete(AsyncioEventCoroutines.main());
        }
    }
}
