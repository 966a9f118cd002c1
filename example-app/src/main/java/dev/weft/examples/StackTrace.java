package dev.weft.examples;

import static dev.weft.Weft.await;
import static dev.weft.Weft.sleep;
import static dev.weft.Weft.spawn;

import dev.weft.Coroutine;
import dev.weft.EventLoop;
import dev.weft.Task;

/**
 * What a failure three coroutine calls deep looks like: the exception's stack trace shows this
 * file's own lines, each coroutine at the line that threw or called, and the task that awaited
 * the failed one, marked {@code [awaiting Task-N]}, instead of the state machines and the event
 * loop's driver. The example prints the lines of the trace that point into this class.
 */
public final class StackTrace {
    private StackTrace() {
    }

    @Coroutine
    static int level3(int x) {
        await(sleep(10));
        if (x > 2) {
            throw new IllegalArgumentException("x too big: " + x);
        }
        return x;
    }

    @Coroutine
    static int level2(int x) {
        return level3(x + 1) + 1;
    }

    @Coroutine
    static int level1(int x) {
        return level2(x + 1) + 1;
    }

    @Coroutine
    static int top(int x) {
        Task<Integer> worker = spawn(StackTraceCoroutines.level1(x));
        worker.setName("worker");
        return await(worker);
    }

    /**
     * Runs the example on an event loop with virtual time.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        try (EventLoop loop = EventLoop.withVirtualTime()) {
            loop.runUntilComplete(StackTraceCoroutines.top(1));
        } catch (IllegalArgumentException e) {
            System.out.println(e);
            for (StackTraceElement element : e.getStackTrace()) {
                if (element.getClassName().equals(StackTrace.class.getName())) {
                    System.out.println("    at " + element);
                }
            }
        }
    }
}
