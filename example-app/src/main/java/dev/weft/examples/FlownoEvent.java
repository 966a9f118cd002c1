package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.spawn;

import dev.weft.Coroutine;
import dev.weft.Event;
import dev.weft.EventLoop;
import dev.weft.Task;

/**
 * Flowno's {@code Event} example: two waiters wait for an event, one setter sets it, and both
 * waiters go on.
 *
 * <p>An {@link Event} is a flag: awaiting it suspends the task until some other code calls
 * {@link Event#set()}, which wakes every waiter at once (in the order they began to wait). Flowno
 * keeps its waiters in a set; Weft wakes them first in, first out, which gives the documented
 * order here. Flowno's {@code set()} is a coroutine ({@code await event.set()}); Weft's never
 * waits, so it is a plain call. The output is the doctest's, line for line.
 */
public final class FlownoEvent {
    private FlownoEvent() {
    }

    /** Waits for the event. */
    @Coroutine
    static String waiter(String name, Event event) {
        System.out.println(name + ": Waiting...");
        await(event);
        System.out.println(name + ": Event set, proceeding!");
        return name;
    }

    /** Sets the event. Setting does not suspend: the woken waiters run after the setter. */
    @Coroutine
    static void setter(Event event) {
        System.out.println("Setter: About to set event");
        event.set();
        System.out.println("Setter: Event set");
    }

    /** Starts two waiters and a setter, then waits for all three. */
    @Coroutine
    static void main() {
        Event event = new Event();

        // Start multiple waiters
        Task<String> w1 = spawn(FlownoEventCoroutines.waiter("Waiter1", event));
        Task<String> w2 = spawn(FlownoEventCoroutines.waiter("Waiter2", event));

        // Set the event
        Task<Void> s = spawn(FlownoEventCoroutines.setter(event));

        // All waiters should proceed
        await(w1);
        await(w2);
        await(s);
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            loop.runUntilComplete(FlownoEventCoroutines.main());
        }
    }
}
