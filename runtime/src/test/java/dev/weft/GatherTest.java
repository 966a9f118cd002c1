package dev.weft;

import static dev.weft.Co.now;
import static dev.weft.Co.run;
import static dev.weft.Co.secs;
import static dev.weft.Co.sleeper;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Ports of the gather and shield tests of CPython 3.13 test_asyncio/test_tasks.py
 * (GatherTestsBase, FutureGatherTests, CoroutineGatherTests, BaseTaskTests), plus Weft-specific
 * tests of gather, gatherOutcomes and shield.
 */
class GatherTest {
    private final List<String> log = new ArrayList<>();

    /** FutureGatherTests passes the futures themselves; CoroutineGatherTests coroutines awaiting them. */
    enum Variant { FUTURES, COROUTINES }

    @SuppressWarnings("unchecked")
    static List<Awaitable<Object>> wrap(Variant v, Promise<?>... futures) {
        List<Awaitable<Object>> result = new ArrayList<>();
        for (Promise<?> f : futures) {
            if (v == Variant.FUTURES) {
                result.add((Awaitable<Object>) f);
            } else {
                result.add(Script.of(s -> f, s -> s.done(s.value()))); // async def coro(): return await fut
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    static Promise<Object>[] promises(int n) {
        Promise<Object>[] p = new Promise[n];
        for (int i = 0; i < n; i++) {
            p[i] = new Promise<>();
        }
        return p;
    }

    /** The test's _run_loop: lets every ready task and callback run. */
    static Awaitable<Void> runLoop() {
        return Weft.sleep(secs(0.001));
    }

    // ------------------------------------------------------------------ GatherTestsBase

    private void checkSuccess(Variant v, boolean outcomes) {
        Promise<Object>[] p = promises(3);
        Gathering<?>[] fut = new Gathering<?>[1];
        run(Script.of(s -> {
            List<Awaitable<Object>> children = wrap(v, p);
            fut[0] = outcomes ? Weft.gatherOutcomes(children) : Weft.gather(children);
            p[1].complete(1);
            p[0].complete(2);
            return runLoop();
        }, s -> {
            s.value();
            assertFalse(fut[0].isDone());
            p[2].complete(3);
            return runLoop();
        }));
        assertTrue(fut[0].isDone());
        if (outcomes) {
            assertEquals(Arrays.asList(Outcome.success(2), Outcome.success(1), Outcome.success(3)), fut[0].result());
        } else {
            assertEquals(Arrays.asList(2, 1, 3), fut[0].result());
        }
    }

    @Test
    @DisplayName("test_tasks.py: FutureGatherTests.test_success")
    void futureSuccess() {
        checkSuccess(Variant.FUTURES, false);
    }

    @Test
    @DisplayName("test_tasks.py: CoroutineGatherTests.test_success")
    void coroutineSuccess() {
        checkSuccess(Variant.COROUTINES, false);
    }

    @Test
    @DisplayName("test_tasks.py: FutureGatherTests.test_result_exception_success")
    void futureResultExceptionSuccess() {
        checkSuccess(Variant.FUTURES, true);
    }

    @Test
    @DisplayName("test_tasks.py: CoroutineGatherTests.test_result_exception_success")
    void coroutineResultExceptionSuccess() {
        checkSuccess(Variant.COROUTINES, true);
    }

    private void checkOneException(Variant v) {
        Promise<Object>[] p = promises(5);
        Gathering<?>[] fut = new Gathering<?>[1];
        ArithmeticException exc = new ArithmeticException();
        run(Script.of(s -> {
            fut[0] = Weft.gather(wrap(v, p));
            p[0].complete(1);
            p[1].fail(exc);
            return runLoop();
        }, s -> {
            s.value();
            assertTrue(fut[0].isDone());
            assertSame(exc, fut[0].exception());
            // Does nothing
            p[2].complete(3);
            p[3].cancel();
            p[4].fail(new IllegalStateException());
            return runLoop();
        }));
        assertSame(exc, fut[0].exception());
    }

    @Test
    @DisplayName("test_tasks.py: FutureGatherTests.test_one_exception")
    void futureOneException() {
        checkOneException(Variant.FUTURES);
    }

    @Test
    @DisplayName("test_tasks.py: CoroutineGatherTests.test_one_exception")
    void coroutineOneException() {
        checkOneException(Variant.COROUTINES);
    }

    private void checkReturnExceptions(Variant v) {
        Promise<Object>[] p = promises(4);
        Gathering<?>[] fut = new Gathering<?>[1];
        ArithmeticException exc = new ArithmeticException();
        IllegalStateException exc2 = new IllegalStateException();
        run(Script.of(s -> {
            fut[0] = Weft.gatherOutcomes(wrap(v, p));
            p[1].complete(1);
            p[2].fail(exc);
            p[0].complete(3);
            return runLoop();
        }, s -> {
            s.value();
            assertFalse(fut[0].isDone());
            p[3].fail(exc2);
            return runLoop();
        }));
        assertTrue(fut[0].isDone());
        assertEquals(Arrays.asList(Outcome.success(3), Outcome.success(1), Outcome.failure(exc),
                Outcome.failure(exc2)), fut[0].result());
    }

    @Test
    @DisplayName("test_tasks.py: FutureGatherTests.test_return_exceptions")
    void futureReturnExceptions() {
        checkReturnExceptions(Variant.FUTURES);
    }

    @Test
    @DisplayName("test_tasks.py: CoroutineGatherTests.test_return_exceptions")
    void coroutineReturnExceptions() {
        checkReturnExceptions(Variant.COROUTINES);
    }

    // ------------------------------------------------------------------ FutureGatherTests

    @Test
    @DisplayName("test_tasks.py: FutureGatherTests.test_constructor_empty_sequence_use_running_loop")
    void constructorEmptySequenceUseRunningLoop() {
        Gathering<?> fut = run(Script.of(s -> s.done(Weft.gather())));
        assertTrue(fut.isDone());
        assertEquals(Collections.emptyList(), fut.result());
    }

    @Test
    @DisplayName("test_tasks.py: FutureGatherTests.test_constructor_heterogenous_futures")
    void constructorHeterogenousFutures() {
        EventLoop oneLoop = EventLoop.withVirtualTime();
        EventLoop otherLoop = EventLoop.withVirtualTime();
        Task<Void> fut1 = oneLoop.spawn(Co.sleeping(1));
        Task<Void> fut2 = otherLoop.spawn(Co.sleeping(1));
        assertThrows(IllegalArgumentException.class, () -> Weft.gather(fut1, fut2));
    }

    @Test
    @DisplayName("test_tasks.py: FutureGatherTests.test_one_cancellation")
    void oneCancellation() {
        Promise<Object>[] p = promises(5);
        Gathering<?>[] fut = new Gathering<?>[1];
        run(Script.of(s -> {
            fut[0] = Weft.gather(wrap(Variant.FUTURES, p));
            p[0].complete(1);
            p[1].cancel();
            return runLoop();
        }, s -> {
            s.value();
            assertTrue(fut[0].isDone());
            // Does nothing
            p[2].complete(3);
            p[3].cancel();
            p[4].fail(new IllegalStateException());
            return runLoop();
        }));
        assertTrue(fut[0].isDone());
        assertInstanceOf(CancelledException.class, fut[0].exception());
    }

    @Test
    @DisplayName("test_tasks.py: FutureGatherTests.test_result_exception_one_cancellation")
    void resultExceptionOneCancellation() {
        Promise<Object>[] p = promises(6);
        ArithmeticException zde = new ArithmeticException();
        IllegalStateException rte = new IllegalStateException();
        List<Gathering<Outcome<Object>>> fut = new ArrayList<>();
        List<?> res = run(Script.of(s -> {
            fut.add(Weft.gatherOutcomes(wrap(Variant.FUTURES, p)));
            p[0].complete(1);
            p[1].fail(zde);
            p[2].cancel();
            return runLoop();
        }, s -> {
            s.value();
            assertFalse(fut.get(0).isDone());
            p[3].complete(3);
            p[4].cancel();
            p[5].fail(rte);
            return fut.get(0);
        }, s -> s.done(s.value())));
        Outcome<?> c2 = (Outcome<?>) res.get(2);
        Outcome<?> c4 = (Outcome<?>) res.get(4);
        assertTrue(c2.isCancelled());
        assertTrue(c4.isCancelled());
        assertEquals(Arrays.asList(Outcome.success(1), Outcome.failure(zde), c2, Outcome.success(3), c4,
                Outcome.failure(rte)), res);
    }

    @Test
    @DisplayName("test_tasks.py: CoroutineGatherTests.test_constructor_without_loop")
    void constructorWithoutLoop() {
        Script<String> gen1 = Co.returning("abc");
        Script<String> gen2 = Co.returning("abc");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Weft.gather(gen1, gen2));
        assertTrue(e.getMessage().contains("no event loop is running"), e.getMessage());
    }

    @Test
    @DisplayName("test_tasks.py: CoroutineGatherTests.test_constructor_use_running_loop")
    void constructorUseRunningLoop() {
        Object r = run(Script.of(s -> Weft.gather(Co.returning("abc"), Co.returning("abc")),
                s -> s.done(s.value())));
        assertEquals(Arrays.asList("abc", "abc"), r);
    }

    @Test
    @DisplayName("test_tasks.py: CoroutineGatherTests.test_duplicate_coroutines")
    void duplicateCoroutines() {
        Script<String> c = Co.returning("abc");
        Object r = run(Script.of(s -> Weft.gather(c, c, Co.returning("def"), c), s -> s.done(s.value())));
        assertEquals(Arrays.asList("abc", "abc", "def", "abc"), r);
    }

    @Test
    @DisplayName("test_tasks.py: CoroutineGatherTests.test_cancellation_broadcast")
    void cancellationBroadcast() {
        // Cancelling outer() cancels all children.
        int[] proof = {0};
        Promise<Void> waiter = new Promise<>();
        Gathering<?>[] gatherer = new Gathering<?>[1];
        Script<Void> child1 = Script.of(s -> waiter, s -> {
            s.value();
            proof[0] += 1;
            return null;
        });
        Script<Void> child2 = Script.of(s -> waiter, s -> {
            s.value();
            proof[0] += 1;
            return null;
        });
        Script<Void> outer = Script.of(s -> {
            gatherer[0] = Weft.gather(child1, child2);
            return gatherer[0];
        }, s -> {
            s.value();
            proof[0] += 100;
            return null;
        });
        Object r = run(Script.of(s -> {
            Weft.spawn(child1);
            Weft.spawn(child2);
            Weft.spawn(outer);
            return Weft.yieldNow();
        }, s -> {
            assertTrue(outer.cancel());
            return outer;
        }, s -> {
            Throwable f = s.failure();
            assertFalse(gatherer[0].cancel());
            // Weft: the promise the children wait on is not cancelled with them (asyncio cancels
            // the future a cancelled task waits on), so waiter.cancelled() is not checked.
            assertTrue(child1.isCancelled());
            assertTrue(child2.isCancelled());
            return s.done(f);
        }));
        assertInstanceOf(CancelledException.class, r);
        assertEquals(0, proof[0]);
    }

    @Test
    @DisplayName("test_tasks.py: CoroutineGatherTests.test_exception_marking")
    void exceptionMarking() {
        // The failure of a child that ends after the gathering failed is marked retrieved.
        LogCapture capture = new LogCapture();
        List<LogRecord> records = capture.records();
        try {
            Promise<Void> a = new Promise<>();
            Promise<Void> b = new Promise<>();
            Script<Void> innerA = Script.of(s -> a, s -> {
                s.value();
                throw new IllegalStateException("should not be ignored");
            });
            Script<Void> innerB = Script.of(s -> b, s -> {
                s.value();
                throw new IllegalStateException("should not be ignored");
            });
            Script<Void> outer = Script.of(s -> Weft.gather(innerA, innerB));
            EventLoop loop = EventLoop.withVirtualTime();
            loop.runUntilComplete(Script.of(s -> {
                Weft.spawn(outer);
                return Weft.yieldNow();
            }, s -> {
                a.complete(null);
                return runLoop();
            }, s -> {
                b.complete(null);
                return runLoop();
            }));
            assertInstanceOf(IllegalStateException.class, outer.exception());
            loop.close();
            assertEquals(Collections.emptyList(), records);
        } finally {
            capture.close();
        }
    }

    // ------------------------------------------------------------------ BaseTaskTests

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_cancel_gather_1")
    void cancelGather1() {
        // A gathering refuses to be cancelled once all children are done (Python issue #26923).
        Promise<Integer> fut = new Promise<>();
        boolean[] cancelResult = {true};
        Gathering<?>[] gatherFuture = new Gathering<?>[1];
        run(Script.of(s -> {
            // The indirection fut -> childCoro is needed since otherwise the gathering would be
            // done at the same time as the child future.
            gatherFuture[0] = Weft.gather(Script.of(c -> fut, c -> c.done(c.value())));
            return Weft.yieldNow();
        }, s -> {
            fut.complete(42);
            // asyncio runs this as a done callback of fut: after the child resumed, before the
            // gathering's own callback.
            EventLoop.current().callSoon(() -> cancelResult[0] = gatherFuture[0].cancel());
            return gatherFuture[0];
        }, s -> s.done(s.value())));
        assertFalse(cancelResult[0]);
        assertEquals(Arrays.asList(42), gatherFuture[0].result());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_cancel_gather_2")
    void cancelGather2() {
        for (String message : new String[] {null, "my message"}) {
            int[] time = {0};
            // while True: time += 0.05; await gather(sleep(0.05), return_exceptions=True); if time > 1: return
            Script<Void> test = Script.of(s -> {
                time[0] += 50;
                return Weft.gatherOutcomes(Weft.sleep(secs(0.05)));
            }, s -> {
                s.value();
                if (time[0] > 1000) {
                    return s.done(null);
                }
                s.goTo(0);
                return null;
            });
            Object r = run(Script.of(s -> {
                Weft.spawn(test);
                return Weft.sleep(secs(0.2));
            }, s -> {
                s.value();
                test.cancel(message);
                return test;
            }, s -> s.done(s.failure())));
            CancelledException e = assertInstanceOf(CancelledException.class, r,
                    "gather() does not propagate CancelledError raised by inner task to the gather() caller.");
            assertEquals(message, e.getMessage());
        }
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_shield_result")
    void shieldResult() {
        Promise<Integer> inner = new Promise<>();
        Object res = run(Script.of(s -> {
            Promise<Integer> outer = Weft.shield(inner);
            inner.complete(42);
            return outer;
        }, s -> s.done(s.value())));
        assertEquals(42, res);
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_shield_exception")
    void shieldException() {
        Promise<Integer> inner = new Promise<>();
        IllegalStateException exc = new IllegalStateException("expected");
        Promise<?>[] outer = new Promise<?>[1];
        run(Script.of(s -> {
            outer[0] = Weft.shield(inner);
            return runLoop();
        }, s -> {
            inner.fail(exc);
            return runLoop();
        }));
        assertSame(exc, outer[0].exception());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_shield_cancel_inner")
    void shieldCancelInner() {
        Promise<Integer> inner = new Promise<>();
        Promise<?>[] outer = new Promise<?>[1];
        run(Script.of(s -> {
            outer[0] = Weft.shield(inner);
            return runLoop();
        }, s -> {
            inner.cancel();
            return runLoop();
        }));
        assertTrue(outer[0].isCancelled());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_shield_cancel_outer")
    void shieldCancelOuter() {
        Promise<Integer> inner = new Promise<>();
        Promise<?>[] outer = new Promise<?>[1];
        run(Script.of(s -> {
            outer[0] = Weft.shield(inner);
            return runLoop();
        }, s -> {
            outer[0].cancel();
            return runLoop();
        }));
        assertTrue(outer[0].isCancelled());
        assertFalse(inner.isDone());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_shield_shortcut")
    void shieldShortcut() {
        Promise<Integer> fut = new Promise<>();
        fut.complete(42);
        Object res = run(Script.of(s -> Weft.shield(fut), s -> s.done(s.value())));
        assertEquals(42, res);
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_shield_effect")
    void shieldEffect() {
        // Cancelling outer() does not affect inner().
        int[] proof = {0};
        Promise<Void> waiter = new Promise<>();
        Script<Void> inner = Script.of(s -> waiter, s -> {
            s.value();
            proof[0] += 1;
            return null;
        });
        Script<Void> outer = Script.of(s -> Weft.shield(inner), s -> {
            s.value();
            proof[0] += 100;
            return null;
        });
        run(Script.of(s -> {
            Weft.spawn(outer);
            return Weft.yieldNow();
        }, s -> {
            outer.cancel();
            return outer;
        }, s -> {
            assertInstanceOf(CancelledException.class, s.failure());
            waiter.complete(null);
            return runLoop();
        }));
        assertTrue(outer.isCancelled());
        assertEquals(1, proof[0]);
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_shield_gather")
    void shieldGather() {
        Promise<Integer> child1 = new Promise<>();
        Promise<Integer> child2 = new Promise<>();
        Gathering<?>[] parent = new Gathering<?>[1];
        Promise<?>[] outer = new Promise<?>[1];
        run(Script.of(s -> {
            parent[0] = Weft.gather(child1, child2);
            outer[0] = Weft.shield(parent[0]);
            return runLoop();
        }, s -> {
            outer[0].cancel();
            return runLoop();
        }, s -> {
            assertTrue(outer[0].isCancelled());
            child1.complete(1);
            child2.complete(2);
            return runLoop();
        }));
        assertEquals(Arrays.asList(1, 2), parent[0].result());
    }

    @Test
    @DisplayName("test_tasks.py: BaseTaskTests.test_gather_shield")
    void gatherShield() {
        Promise<Integer> child1 = new Promise<>();
        Promise<Integer> child2 = new Promise<>();
        Promise<?>[] inner = new Promise<?>[2];
        Gathering<?>[] parent = new Gathering<?>[1];
        run(Script.of(s -> {
            inner[0] = Weft.shield(child1);
            inner[1] = Weft.shield(child2);
            parent[0] = Weft.gather(inner[0], inner[1]);
            return runLoop();
        }, s -> {
            parent[0].cancel();
            // This should cancel inner1 and inner2 but not child1 and child2.
            return runLoop();
        }, s -> {
            assertInstanceOf(CancelledException.class, parent[0].exception());
            assertTrue(inner[0].isCancelled());
            assertTrue(inner[1].isCancelled());
            assertFalse(child1.isDone());
            child1.complete(1);
            child2.complete(2);
            return runLoop();
        }));
    }

    // ------------------------------------------------------------------ Weft-specific

    @Test
    void firstFailurePropagatesAtOnceWhileTheOthersKeepRunning() {
        Script<String> slow = Co.sleeper(5, "slow");
        Script<Void> failing = Co.crashAfter(1, () -> new IllegalStateException("boom"));
        Object r = run(Script.of(s -> Weft.gather(slow, failing), s -> {
            log.add(s.failure().getMessage() + " at " + now());
            assertFalse(slow.isDone());
            return slow;
        }, s -> {
            log.add(s.value() + " at " + now());
            return s.done(slow.isCancelled());
        }));
        assertEquals(false, r);
        assertEquals(Arrays.asList("boom at 1.0", "slow at 5.0"), log);
    }

    @Test
    void aCancelledChildMakesGatherThrowButLeavesItsSiblingsAlone() {
        Script<String> a = Co.sleeper(1, "a");
        Script<String> b = Co.sleeper(10, "b");
        Object r = run(Script.of(s -> {
            Gathering<String> g = Weft.gather(a, b);
            EventLoop.current().callLater(secs(2), () -> b.cancel("child cancelled"));
            return g;
        }, s -> s.done(s.failure())));
        CancelledException e = assertInstanceOf(CancelledException.class, r);
        assertEquals("child cancelled", e.getMessage());
        assertEquals("a", a.result());
        assertTrue(b.isCancelled());
    }

    @Test
    void cancellingTheAwaiterCancelsEveryChild() {
        Script<String> a = Co.sleeper(10, "a");
        Script<String> b = Script.of(x -> Weft.sleep(secs(10)), x -> {
            log.add("b cleaning up at " + now());
            x.failure();
            return Weft.sleep(secs(1));
        }, x -> {
            x.value();
            log.add("b cancelled at " + now());
            throw new CancelledException();
        });
        Script<Object> awaiter = Script.of(s -> Weft.gather(a, b), s -> {
            log.add("awaiter resumed at " + now() + ", b done: " + b.isDone());
            return s.done(s.failure());
        });
        Object r = run(Script.of(s -> {
            Weft.spawn(awaiter);
            EventLoop.current().callLater(secs(2), awaiter::cancel);
            return awaiter;
        }, s -> {
            assertInstanceOf(CancelledException.class, s.value());
            return b;
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
        assertTrue(a.isCancelled());
        assertTrue(b.isCancelled());
        // The first child to end cancelled settles the gathering (asyncio: outer.set_exception).
        assertEquals(Arrays.asList("b cleaning up at 2.0", "awaiter resumed at 2.0, b done: false",
                "b cancelled at 3.0"), log);
    }

    @Test
    void cancelledGatherOutcomesThrowsEvenIfTheChildrenSwallowTheCancellation() {
        Script<String> stubborn = Script.of(x -> Weft.sleep(secs(10)), x -> {
            x.failure();
            return x.done("swallowed");
        });
        Gathering<?>[] g = new Gathering<?>[1];
        Object r = run(Script.of(s -> {
            g[0] = Weft.gatherOutcomes(stubborn);
            return Weft.yieldNow();
        }, s -> {
            assertTrue(g[0].cancel());
            return g[0];
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
        assertEquals("swallowed", stubborn.result());
    }

    @Test
    void gatherOfDoneTasksIsDoneAtOnce() {
        List<Task<Integer>> t = new ArrayList<>();
        Object r = run(Script.of(s -> {
            t.add(Weft.spawn(Co.returning(1)));
            t.add(Weft.spawn(Co.returning(2)));
            return Weft.yieldNow();
        }, s -> {
            Gathering<Integer> g = Weft.gather(t.get(0), t.get(1), t.get(0));
            log.add("done at once: " + g.isDone());
            return g;
        }, s -> s.done(s.value())));
        assertEquals(Arrays.asList("done at once: true"), log);
        assertEquals(Arrays.asList(1, 2, 1), r);
    }

    @Test
    void gatherOfOtherAwaitablesAwaitsEachInATask() {
        Event ev = new Event();
        Promise<String> p = new Promise<>();
        Object r = run(Script.of(s -> {
            Gathering<Object> g = Weft.gather(ev, p, Weft.sleep(secs(1)), Co.returning("coro"));
            EventLoop.current().callLater(secs(2), ev::set);
            EventLoop.current().callLater(secs(3), () -> p.complete("promise"));
            return g;
        }, s -> s.done(s.value() + " at " + now())));
        assertEquals("[null, promise, null, coro] at 3.0", r);
    }

    @Test
    void gatherArgumentsAreChecked() {
        assertThrows(NullPointerException.class, () -> Weft.gather((Awaitable<Object>[]) null));
        assertThrows(NullPointerException.class, () -> Weft.gather((List<Awaitable<Object>>) null));
        assertThrows(NullPointerException.class, () -> Weft.gatherOutcomes((Awaitable<Object>[]) null));
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> Weft.gather(new Promise<String>(), null));
        assertTrue(e.getMessage().contains("#1"), e.getMessage());
        assertEquals(Collections.emptyList(), Weft.gatherOutcomes(new ArrayList<Awaitable<String>>()).result());
    }

    @Test
    void gatheringStateIsVisible() {
        Promise<Integer> p = new Promise<>();
        List<String> seen = new ArrayList<>();
        Gathering<?>[] g = new Gathering<?>[1];
        run(Script.of(s -> {
            g[0] = Weft.gather(p, Co.returning(2));
            seen.add(g[0].toString());
            assertThrows(IllegalStateException.class, g[0]::result);
            assertThrows(IllegalStateException.class, g[0]::exception);
            return runLoop();
        }, s -> {
            seen.add(g[0].toString());
            p.complete(1);
            return g[0];
        }, s -> {
            seen.add(g[0].toString() + " " + s.value());
            return null;
        }));
        assertNull(g[0].exception());
        assertEquals(Arrays.asList("Gather[pending, 0/2 done]", "Gather[pending, 1/2 done]", "Gather[done] [1, 2]"), seen);
        assertFalse(g[0].cancel());
    }

    @Test
    void outcomeValueAndFailureAccessors() {
        Outcome<String> ok = Outcome.success("x");
        IllegalStateException boom = new IllegalStateException("boom");
        Outcome<String> bad = Outcome.failure(boom);
        Outcome<String> cancelled = Outcome.failure(new CancelledException());
        assertTrue(ok.isSuccess() && !ok.isFailure() && !ok.isCancelled());
        assertEquals("x", ok.get());
        assertEquals("x", ok.value());
        assertNull(ok.failure());
        assertTrue(bad.isFailure() && !bad.isCancelled());
        assertSame(boom, bad.failure());
        assertNull(bad.value());
        assertSame(boom, assertThrows(IllegalStateException.class, bad::get));
        assertTrue(cancelled.isCancelled());
        TaskFailedException wrapped = assertThrows(TaskFailedException.class,
                () -> Outcome.failure(new java.io.IOException("io")).get());
        assertInstanceOf(java.io.IOException.class, wrapped.getCause());
        assertEquals(Outcome.success("x"), ok);
        assertNotEquals(Outcome.failure(new IllegalStateException("boom")), bad);
        assertEquals("Outcome[x]", ok.toString());
        assertEquals("Outcome[failed: java.lang.IllegalStateException: boom]", bad.toString());
        assertThrows(NullPointerException.class, () -> Outcome.failure(null));
    }

    @Test
    void shieldOfACoroutineRunsItAsATaskThatSurvivesTheAwaitersCancellation() {
        Script<String> work = Co.sleeper(3, "saved");
        Script<Object> awaiter = Script.of(s -> Weft.shield(work), s -> s.done(s.failure()));
        Object r = run(Script.of(s -> {
            Weft.spawn(awaiter);
            EventLoop.current().callLater(secs(1), awaiter::cancel);
            return awaiter;
        }, s -> {
            log.add("awaiter got " + ((Throwable) s.value()).getClass().getSimpleName() + " at " + now());
            return work;
        }, s -> s.done(s.value() + " at " + now())));
        assertEquals("saved at 3.0", r);
        assertEquals(Arrays.asList("awaiter got CancelledException at 1.0"), log);
        assertThrows(NullPointerException.class, () -> Weft.shield(null));
        assertThrows(IllegalStateException.class, () -> Weft.shield(Co.returning(1)));
    }
}
