package dev.weft;

import static dev.weft.Co.run;
import static dev.weft.Co.secs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports of the asyncio.wait tests of CPython 3.13 test_asyncio/test_tasks.py (BaseTaskTests),
 * plus Weft-specific tests of waitTasks.
 */
class WaitTasksTest {
    private final List<String> log = new ArrayList<>();

    @SafeVarargs
    static <T> Set<T> setOf(T... items) {
        return new LinkedHashSet<>(Arrays.asList(items));
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_wait")
    void waitAll() {
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> a = loop.spawn(Co.sleeping(0.1));
        Task<Void> b = loop.spawn(Co.sleeping(0.15));
        java.util.function.Supplier<Script<Integer>> foo = () -> Script.of(
                s -> Weft.waitTasks(Arrays.asList(b, a)), s -> {
                    WaitResult<?> r = (WaitResult<?>) s.value();
                    assertEquals(setOf(a, b), r.done());
                    assertEquals(Collections.emptySet(), r.pending());
                    return s.done(42);
                });
        assertEquals(42, loop.runUntilComplete(foo.get()));
        assertEquals(0.15, loop.time(), 1e-9);
        // Doing it again should take no time and exercise a different path.
        assertEquals(42, loop.runUntilComplete(foo.get()));
        assertEquals(0.15, loop.time(), 1e-9);
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_wait_duplicate_coroutines")
    void waitDuplicateCoroutines() {
        EventLoop loop = EventLoop.withVirtualTime();
        Task<String> c = loop.spawn(Co.returning("test"));
        WaitResult<Task<String>> r = loop.runUntilComplete(
                Weft.waitTasks(Arrays.asList(c, c, loop.spawn(Co.returning("spam")))));
        assertTrue(r.pending().isEmpty());
        Set<String> results = new HashSet<>();
        for (Task<String> t : r.done()) {
            results.add(t.result());
        }
        assertEquals(setOf("test", "spam"), results);
        assertEquals(2, r.done().size());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_wait_errors")
    void waitErrors() {
        // asyncio raises ValueError when the wait is awaited; Weft rejects the call. An invalid
        // return_when cannot be expressed with the ReturnWhen enum (null is rejected).
        assertThrows(IllegalArgumentException.class, () -> Weft.waitTasks(new HashSet<Task<?>>()));
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> sleep = loop.spawn(Co.sleeping(10));
        assertThrows(NullPointerException.class, () -> Weft.waitTasks(Arrays.asList(sleep), null));
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_wait_first_completed")
    void waitFirstCompleted() {
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> a = loop.spawn(Co.sleeping(10.0));
        Task<Void> b = loop.spawn(Co.sleeping(0.1));
        WaitResult<Task<Void>> r = loop.runUntilComplete(Weft.waitTasks(Arrays.asList(b, a),
                ReturnWhen.FIRST_COMPLETED));
        assertEquals(setOf(b), r.done());
        assertEquals(setOf(a), r.pending());
        assertFalse(a.isDone());
        assertTrue(b.isDone());
        assertNull(b.result());
        assertEquals(0.1, loop.time(), 1e-9);
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_wait_really_done")
    void waitReallyDone() {
        // There is a possibility that some tasks in the pending list became done but their
        // callbacks haven't all been called yet.
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> a = loop.spawn(Script.of(s -> Weft.yieldNow()));
        Task<Void> b = loop.spawn(Script.of(s -> Weft.yieldNow(), s -> Weft.yieldNow()));
        WaitResult<Task<Void>> r = loop.runUntilComplete(Weft.waitTasks(Arrays.asList(b, a),
                ReturnWhen.FIRST_COMPLETED));
        assertEquals(setOf(a, b), r.done());
        assertTrue(a.isDone());
        assertNull(a.result());
        assertTrue(b.isDone());
        assertNull(b.result());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_wait_first_exception")
    void waitFirstException() {
        // first_exception, task already has exception
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> a = loop.spawn(Co.sleeping(10.0));
        Task<Void> b = loop.spawn(Script.of(s -> {
            throw new ArithmeticException("err");
        }));
        WaitResult<Task<Void>> r = loop.runUntilComplete(Weft.waitTasks(Arrays.asList(b, a),
                ReturnWhen.FIRST_EXCEPTION));
        assertEquals(setOf(b), r.done());
        assertEquals(setOf(a), r.pending());
        assertEquals(0, loop.time(), 1e-9);
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_wait_first_exception_in_wait")
    void waitFirstExceptionInWait() {
        // first_exception, exception during waiting
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> a = loop.spawn(Co.sleeping(10.0));
        Task<Void> b = loop.spawn(Co.crashAfter(0.01, () -> new ArithmeticException("err")));
        WaitResult<Task<Void>> r = loop.runUntilComplete(Weft.waitTasks(Arrays.asList(b, a),
                ReturnWhen.FIRST_EXCEPTION));
        assertEquals(setOf(b), r.done());
        assertEquals(setOf(a), r.pending());
        assertEquals(0.01, loop.time(), 1e-9);
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_wait_with_exception")
    void waitWithException() {
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> a = loop.spawn(Co.sleeping(0.1));
        Task<Void> b = loop.spawn(Co.crashAfter(0.15, () -> new ArithmeticException("really")));
        java.util.function.Supplier<Script<Void>> foo = () -> Script.of(s -> Weft.waitTasks(Arrays.asList(b, a)),
                s -> {
                    WaitResult<?> r = (WaitResult<?>) s.value();
                    assertEquals(2, r.done().size());
                    assertEquals(Collections.emptySet(), r.pending());
                    int errors = 0;
                    for (Object t : r.done()) {
                        if (((Task<?>) t).exception() != null) {
                            errors++;
                        }
                    }
                    assertEquals(1, errors);
                    return null;
                });
        loop.runUntilComplete(foo.get());
        assertEquals(0.15, loop.time(), 1e-9);
        loop.runUntilComplete(foo.get());
        assertEquals(0.15, loop.time(), 1e-9);
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_wait_with_timeout")
    void waitWithTimeout() {
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> a = loop.spawn(Co.sleeping(0.1));
        Task<Void> b = loop.spawn(Co.sleeping(0.15));
        loop.runUntilComplete(Script.of(s -> Weft.waitTasks(Arrays.asList(b, a), ReturnWhen.ALL_COMPLETED,
                secs(0.11)), s -> {
                    WaitResult<?> r = (WaitResult<?>) s.value();
                    assertEquals(setOf(a), r.done());
                    assertEquals(setOf(b), r.pending());
                    return null;
                }));
        assertEquals(0.11, loop.time(), 1e-9);
        // The timeout cancels nothing: b finishes normally.
        loop.runUntilComplete(Weft.waitTasks(Arrays.asList(a, b)));
        assertTrue(b.isDone() && !b.isCancelled());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_wait_concurrent_complete")
    void waitConcurrentComplete() {
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> a = loop.spawn(Co.sleeping(0.1));
        Task<Void> b = loop.spawn(Co.sleeping(0.15));
        WaitResult<Task<Void>> r = loop.runUntilComplete(Weft.waitTasks(Arrays.asList(b, a),
                ReturnWhen.ALL_COMPLETED, secs(0.1)));
        assertEquals(setOf(a), r.done());
        assertEquals(setOf(b), r.pending());
        assertEquals(0.1, loop.time(), 1e-9);
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_yield_wait_does_not_shield_cancel")
    void yieldWaitDoesNotShieldCancel() {
        // Cancelling outer() makes wait() return early, leaves inner() running.
        int[] proof = {0};
        Promise<Void> waiter = new Promise<>();
        Script<Void> inner = Script.of(s -> waiter, s -> {
            s.value();
            proof[0] += 1;
            return null;
        });
        Script<Void> outer = Script.of(s -> Weft.waitTasks(Arrays.asList(Weft.spawn(inner))), s -> {
            s.value();
            proof[0] += 100;
            return null;
        });
        Object r = run(Script.of(s -> {
            Weft.spawn(outer);
            return Weft.yieldNow();
        }, s -> {
            outer.cancel();
            return outer;
        }, s -> {
            assertInstanceOf(CancelledException.class, s.failure());
            waiter.complete(null);
            return Weft.sleep(secs(0.001));
        }, s -> s.done(outer.isCancelled())));
        assertEquals(true, r);
        assertEquals(1, proof[0]);
    }

    // ------------------------------------------------------------------ Weft-specific

    @Test
    void doneAndPendingKeepTheGivenOrder() {
        EventLoop loop = EventLoop.withVirtualTime();
        List<Task<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            tasks.add(loop.spawn(Co.sleeper(i % 2 == 0 ? 1 : 5, i)));
        }
        List<Task<Integer>> given = Arrays.asList(tasks.get(5), tasks.get(0), tasks.get(3), tasks.get(2),
                tasks.get(1), tasks.get(4));
        WaitResult<Task<Integer>> r = loop.runUntilComplete(Weft.waitTasks(given, ReturnWhen.ALL_COMPLETED,
                secs(2)));
        assertEquals(Arrays.asList(tasks.get(0), tasks.get(2), tasks.get(4)), new ArrayList<>(r.done()));
        assertEquals(Arrays.asList(tasks.get(5), tasks.get(3), tasks.get(1)), new ArrayList<>(r.pending()));
        assertThrows(UnsupportedOperationException.class, () -> r.done().clear());
        assertTrue(r.toString().startsWith("WaitResult[done=[Task-1"), r.toString());
    }

    @Test
    void firstExceptionIgnoresCancelledTasksAndOtherwiseWaitsForAll() {
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> cancelledSoon = loop.spawn(Co.sleeping(10));
        Task<Integer> slow = loop.spawn(Co.sleeper(3, 3));
        loop.callLater(secs(1), cancelledSoon::cancel);
        WaitResult<Task<?>> r = loop.runUntilComplete(Weft.waitTasks(Arrays.<Task<?>>asList(cancelledSoon, slow),
                ReturnWhen.FIRST_EXCEPTION));
        assertEquals(3.0, loop.time(), 1e-9);
        assertEquals(setOf(cancelledSoon, slow), r.done());
    }

    @Test
    void waitingForDoneTasksStillTakesATripThroughTheLoop() {
        List<Task<Integer>> t = new ArrayList<>();
        Object r = run(Script.of(s -> {
            t.add(Weft.spawn(Co.returning(3)));
            return Weft.yieldNow();
        }, s -> {
            assertTrue(t.get(0).isDone());
            Weft.spawn(Script.of(x -> {
                log.add("other task ran");
                return null;
            }));
            log.add("waiting");
            return Weft.waitTasks(t);
        }, s -> {
            log.add("wait returned");
            return s.done(((WaitResult<?>) s.value()).done().size());
        }));
        assertEquals(1, r);
        assertEquals(Arrays.asList("waiting", "other task ran", "wait returned"), log);
    }

    @Test
    void waitTasksArgumentsAreChecked() {
        EventLoop loop = EventLoop.withVirtualTime();
        Task<Void> t = loop.spawn(Co.sleeping(1));
        assertThrows(NullPointerException.class, () -> Weft.waitTasks(null));
        assertThrows(NullPointerException.class, () -> Weft.waitTasks(Arrays.asList(t, null)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Weft.waitTasks(new ArrayList<Task<?>>(), ReturnWhen.FIRST_COMPLETED, secs(1)));
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
        // A spawned wait is a task of its own; cancelling it leaves the tasks alone.
        Object r = loop.runUntilComplete(Script.of(s -> {
            Task<WaitResult<Task<Void>>> w = Weft.spawn(Weft.waitTasks(Arrays.asList(t)));
            EventLoop.current().callLater(secs(0.5), w::cancel);
            return w;
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
        assertFalse(t.isDone());
        assertEquals(0.5, loop.time(), 1e-9);
    }
}
