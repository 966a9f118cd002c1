package dev.weft;

import static dev.weft.Co.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Cancelling tasks: ports of CPython 3.13's test_tasks.py BaseTaskTests, plus Weft's own. */
class TaskTest {
    private final List<String> log = new ArrayList<>();

    /** {@code async def task(): await f; return 12}. */
    private static Script<Integer> awaitingThen12(Promise<?> f) {
        return Script.of(s -> f, s -> {
            s.value();
            return s.done(12);
        });
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_cancel_at_end")
    void cancelAtEnd() {
        // The coroutine cancels its own task and returns without suspending: the task ends
        // cancelled, not with the value.
        Task<?>[] t = new Task<?>[1];
        Script<Integer> task = Script.of(s -> {
            t[0].cancel();
            assertEquals(1, t[0].cancelling());
            return s.done(12);
        });
        t[0] = task;
        EventLoop loop = EventLoop.withVirtualTime();
        assertFalse(task.isCancelled());
        assertThrows(CancelledException.class, () -> loop.runUntilComplete(task));
        assertTrue(task.isDone());
        assertTrue(task.isCancelled());
        assertFalse(task.cancel());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_task_cancel_waiter_future")
    void taskCancelWaiterFuture() {
        Promise<Void> fut = new Promise<>();
        Task<?>[] task = new Task<?>[1];
        Object r = run(Script.of(s -> {
            task[0] = Weft.spawn(Script.of(x -> fut));
            return Weft.yieldNow(); // run_briefly: the task now waits on fut
        }, s -> {
            assertTrue(task[0].toString().endsWith("[waiting on Promise[pending, waiters:1]]"), task[0].toString());
            task[0].cancel();
            return Weft.yieldNow();
        }, s -> task[0], s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
        assertTrue(task[0].isCancelled());
        assertTrue(fut.isCancelled());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_cancel_inner_future")
    void cancelInnerFuture() {
        Promise<Void> f = new Promise<>();
        Task<?>[] t = new Task<?>[1];
        Object r = run(Script.of(s -> {
            t[0] = Weft.spawn(awaitingThen12(f));
            return Weft.yieldNow(); // start task
        }, s -> {
            f.cancel();
            return t[0];
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
        assertTrue(f.isCancelled());
        assertTrue(t[0].isCancelled());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_cancel_both_task_and_inner_future")
    void cancelBothTaskAndInnerFuture() {
        Promise<Void> f = new Promise<>();
        Task<?>[] t = new Task<?>[1];
        Object r = run(Script.of(s -> {
            t[0] = Weft.spawn(awaitingThen12(f));
            return Weft.yieldNow();
        }, s -> {
            f.cancel();
            t[0].cancel();
            return t[0];
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
        assertTrue(t[0].isDone());
        assertTrue(f.isCancelled());
        assertTrue(t[0].isCancelled());
    }

    @Test
    void cancellingOneWaiterOfAPromiseCancelsItForEveryWaiterWithTheMessage() {
        Promise<String> shared = new Promise<>();
        Task<?>[] t = new Task<?>[2];
        run(Script.of(s -> {
            for (int i = 0; i < 2; i++) {
                String name = "w" + i;
                t[i] = Weft.spawn(Script.of(x -> shared, x -> {
                    log.add(name + ": " + x.failure().getMessage());
                    return null;
                }));
            }
            return Weft.yieldNow();
        }, s -> {
            t[0].cancel("stop");
            return Weft.yieldNow();
        }));
        assertEquals(Arrays.asList("w0: stop", "w1: stop"), log);
        assertTrue(shared.isCancelled());
        assertEquals(1, t[0].cancelling());
        assertEquals(0, t[1].cancelling());
    }

    @Test
    void aShieldedPromiseOutlivesTheCancellationOfItsWaiter() {
        Promise<String> p = new Promise<>();
        Task<?>[] t = new Task<?>[1];
        run(Script.of(s -> {
            t[0] = Weft.spawn(Script.of(x -> Weft.shield(p)));
            return Weft.yieldNow();
        }, s -> {
            t[0].cancel();
            return Weft.yieldNow();
        }));
        assertTrue(t[0].isCancelled());
        assertFalse(p.isDone());
    }

    @Test
    void aTaskCancelledWhileRunningCancelsThePromiseItThenAwaits() {
        // asyncio's __step: a pending cancellation is delivered by cancelling the new _fut_waiter.
        Promise<String> p = new Promise<>();
        Task<?>[] t = new Task<?>[1];
        run(Script.of(s -> {
            t[0] = Weft.spawn(Script.of(x -> {
                t[0].cancel("early");
                return p;
            }));
            return t[0];
        }, s -> {
            log.add(s.failure().getMessage());
            return null;
        }));
        assertEquals(Arrays.asList("early"), log);
        assertTrue(p.isCancelled());
    }
}
