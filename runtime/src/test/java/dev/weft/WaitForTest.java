package dev.weft;

import static dev.weft.Co.now;
import static dev.weft.Co.run;
import static dev.weft.Co.secs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ports of CPython 3.13 test_asyncio/test_waitfor.py, plus Weft-specific tests of waitFor. */
class WaitForTest {
    /** A very small timeout: positive, but with almost no effect. */
    private static final double EPSILON = 0.0001;

    private final List<String> log = new ArrayList<>();

    /** Runs for 0.2 s of loop time, ignoring cancellation requests (the test's SlowTask). */
    static final class SlowTask {
        static final double TASK_TIMEOUT = 0.2;
        boolean exited;
        private double exitAt;

        Script<Void> run() {
            return Script.of(s -> {
                exitAt = now() + TASK_TIMEOUT;
                return null;
            }, s -> {
                double toSleep = exitAt - now();
                if (toSleep <= 0) {
                    exited = true;
                    return s.done(null);
                }
                return Weft.sleep(secs(toSleep));
            }, s -> {
                s.failure(); // except CancelledError: pass
                s.goTo(1);
                return null;
            });
        }
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_asyncio_wait_for_cancelled")
    void asyncioWaitForCancelled() {
        SlowTask t = new SlowTask();
        Task<?>[] waitForTask = new Task<?>[1];
        run(Script.of(s -> {
            waitForTask[0] = Weft.spawn(Weft.waitFor(t.run(), secs(SlowTask.TASK_TIMEOUT * 2)));
            return Weft.sleep(Duration.ZERO);
        }, s -> {
            waitForTask[0].cancel();
            return Weft.waitTasks(Collections.singleton(waitForTask[0]));
        }, s -> s.done(s.value())));
        assertTrue(t.exited);
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_asyncio_wait_for_timeout")
    void asyncioWaitForTimeout() {
        SlowTask t = new SlowTask();
        run(Script.of(s -> Weft.waitFor(t.run(), secs(SlowTask.TASK_TIMEOUT / 2)), s -> {
            Throwable f = s.failure();
            if (f != null && !(f instanceof TimedOutException)) {
                throw f;
            }
            return s.done(null);
        }));
        assertTrue(t.exited);
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_future_done")
    void waitForTimeoutLessThen0Or0FutureDone() {
        Promise<String> fut = new Promise<>();
        fut.complete("done");
        Object ret = run(Script.of(s -> Weft.waitFor(fut, Duration.ZERO), s -> s.done(s.value())));
        assertEquals("done", ret);
        assertTrue(fut.isDone());
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started")
    void waitForTimeoutLessThen0Or0CoroutineDoNotStarted() {
        boolean[] fooStarted = {false};
        Script<Void> foo = Script.of(s -> {
            fooStarted[0] = true;
            return null;
        });
        Object r = run(Script.of(s -> Weft.waitFor(foo, Duration.ZERO), s -> s.done(s.failure())));
        assertInstanceOf(TimedOutException.class, r);
        assertFalse(fooStarted[0]);
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_timeout_less_then_0_or_0")
    void waitForTimeoutLessThen0Or0() {
        for (double timeout : new double[] {0, -1}) {
            Boolean[] fooRunning = {null};
            Promise<Void> started = new Promise<>();
            Script<String> foo = Script.of(s -> {
                fooRunning[0] = true;
                started.complete(null);
                return Weft.sleep(secs(10));
            }, s -> {
                fooRunning[0] = false; // finally
                s.value();
                return s.done("done");
            });
            Object r = run(Script.of(s -> {
                Weft.spawn(foo);
                return started;
            }, s -> Weft.waitFor(foo, secs(timeout)), s -> s.done(s.failure())));
            assertInstanceOf(TimedOutException.class, r, "timeout=" + timeout);
            assertTrue(foo.isDone());
            // it should have been cancelled due to the timeout
            assertTrue(foo.isCancelled());
            assertEquals(false, fooRunning[0]);
        }
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for")
    void waitFor() {
        Boolean[] fooRunning = {null};
        Script<String> foo = Script.of(s -> {
            fooRunning[0] = true;
            return Weft.sleep(Duration.ofMinutes(5));
        }, s -> {
            fooRunning[0] = false;
            s.value();
            return s.done("done");
        });
        Object r = run(Script.of(s -> Weft.waitFor(Weft.spawn(foo), secs(0.1)),
                s -> s.done(s.failure().getClass().getSimpleName() + " at " + now())));
        assertEquals("TimedOutException at 0.1", r);
        assertTrue(foo.isDone());
        assertTrue(foo.isCancelled());
        assertEquals(false, fooRunning[0]);
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_blocking")
    void waitForBlocking() {
        Object res = run(Script.of(s -> Weft.waitFor(Co.returning("done"), null), s -> s.done(s.value())));
        assertEquals("done", res);
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_race_condition")
    void waitForRaceCondition() {
        Promise<String> fut = new Promise<>();
        Object res = run(Script.of(s -> {
            CoroutineFrame<String> task = Weft.waitFor(fut, secs(0.2));
            EventLoop.current().callSoon(() -> fut.complete("ok"));
            return task;
        }, s -> s.done(s.value())));
        assertEquals("ok", res);
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_cancellation_race_condition")
    void waitForCancellationRaceCondition() {
        Script<Integer> inner = Script.of(s -> Weft.sleep(secs(1)), s -> {
            assertInstanceOf(CancelledException.class, s.failure());
            return s.done(1);
        });
        Object result = run(Script.of(s -> Weft.waitFor(inner, secs(0.01)), s -> s.done(s.value())));
        assertEquals(1, result);
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_waits_for_task_cancellation")
    void waitForWaitsForTaskCancellation() {
        boolean[] taskDone = {false};
        Throwable[] pending = new Throwable[1];
        // try { await sleep(10) } except CancelledError { await sleep(EPSILON); raise } finally { taskDone = true }
        Script<Void> inner = Script.of(s -> Weft.sleep(secs(10)), s -> {
            pending[0] = s.failure();
            return Weft.sleep(secs(EPSILON));
        }, s -> {
            taskDone[0] = true;
            s.value();
            throw pending[0];
        });
        Object r = run(Script.of(s -> Weft.waitFor(Weft.spawn(inner), secs(EPSILON)), s -> s.done(s.failure())));
        TimedOutException e = assertInstanceOf(TimedOutException.class, r);
        assertTrue(taskDone[0]);
        assertInstanceOf(CancelledException.class, e.getCause());
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_waits_for_task_cancellation_w_timeout_0")
    void waitForWaitsForTaskCancellationWTimeout0() {
        boolean[] taskDone = {false};
        Throwable[] pending = new Throwable[1];
        Script<Void> inner = Script.of(s -> Weft.sleep(secs(10)), s -> {
            pending[0] = s.failure();
            return Weft.sleep(secs(EPSILON));
        }, s -> {
            taskDone[0] = true;
            s.value();
            throw pending[0];
        });
        Task<?>[] innerTask = new Task<?>[1];
        Script<Void> foo = Script.of(s -> {
            innerTask[0] = Weft.spawn(inner);
            return Weft.sleep(secs(EPSILON));
        }, s -> {
            s.value();
            return Weft.waitFor(innerTask[0], Duration.ZERO);
        });
        Object r = run(Script.of(s -> foo, s -> s.done(s.failure())));
        TimedOutException e = assertInstanceOf(TimedOutException.class, r);
        assertTrue(taskDone[0]);
        assertInstanceOf(CancelledException.class, e.getCause());
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_reraises_exception_during_cancellation")
    void waitForReraisesExceptionDuringCancellation() {
        Script<Void> inner = Script.of(s -> Weft.sleep(secs(0.2)), s -> {
            s.failure();
            throw new FooException(); // finally: raise FooException
        });
        Script<Void> foo = Script.of(s -> Weft.waitFor(Weft.spawn(inner), secs(EPSILON)));
        Object r = run(Script.of(s -> foo, s -> s.done(s.failure())));
        assertInstanceOf(FooException.class, r);
    }

    private void checkCancelWaitFor(Duration timeout) {
        Promise<Void> fut = new Promise<>();
        Script<Void> blockingCoroutine = Script.of(s -> fut);
        Task<?>[] task = new Task<?>[1];
        Object r = run(Script.of(s -> {
            task[0] = Weft.spawn(blockingCoroutine);
            Task<?> wait = Weft.spawn(Weft.waitFor(task[0], timeout));
            EventLoop.current().callSoon(wait::cancel);
            return wait;
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
        // Python issue #23219: cancelling the wait must also cancel the task
        assertTrue(task[0].isCancelled());
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_cancel_blocking_wait_for")
    void cancelBlockingWaitFor() {
        checkCancelWaitFor(null);
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_cancel_wait_for")
    void cancelWaitFor() {
        checkCancelWaitFor(secs(60.0));
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_cancel_suppressed")
    void waitForCancelSuppressed() {
        Script<Integer> return42 = Script.of(s -> Weft.sleep(secs(10)), s -> {
            if (s.failure() instanceof CancelledException) {
                return s.done(42);
            }
            return s.done(0);
        });
        Object res = run(Script.of(s -> Weft.waitFor(return42, secs(0.1)), s -> s.done(s.value())));
        assertEquals(42, res);
    }

    @Test
    @DisplayName("test_waitfor.py: AsyncioWaitForTest.test_wait_for_issue86296")
    void waitForIssue86296() {
        // The task should get cancelled and not run to completion. inner completes in one cycle
        // of the event loop, so it completes before the task is cancelled.
        boolean[] reachedEnd = {false};
        Script<String> inner = Co.returning("done");
        Script<Void> waitForCoro = Script.of(w -> Weft.waitFor(inner, secs(100)), w -> {
            w.value();
            return Weft.sleep(secs(1));
        }, w -> {
            w.value();
            reachedEnd[0] = true;
            return null;
        });
        Object r = run(Script.of(s -> {
            Weft.spawn(inner);
            Weft.spawn(waitForCoro);
            assertFalse(waitForCoro.isDone());
            return Weft.sleep(Duration.ZERO); // run the task
        }, s -> {
            s.value();
            waitForCoro.cancel();
            return waitForCoro;
        }, s -> {
            assertInstanceOf(CancelledException.class, s.failure());
            assertTrue(inner.isDone());
            return inner;
        }, s -> s.done(s.value())));
        assertEquals("done", r);
        assertFalse(reachedEnd[0]);
    }

    @Test
    @DisplayName("test_waitfor.py: WaitForShieldTests.test_zero_timeout")
    void zeroTimeout() {
        // shield() wraps the task in a promise; with timeout 0 the promise is cancelled at once
        // and the shielded task keeps running.
        Script<String> coro = Co.sleeper(0.01, "done");
        Promise<?>[] shielded = new Promise<?>[1];
        Object r = run(Script.of(s -> {
            Task<String> task = Weft.spawn(coro);
            shielded[0] = Weft.shield(task);
            return Weft.waitFor(shielded[0], Duration.ZERO);
        }, s -> {
            assertInstanceOf(TimedOutException.class, s.failure());
            // Task is running in background
            assertFalse(coro.isDone());
            assertFalse(coro.isCancelled());
            assertTrue(shielded[0].isCancelled());
            return Weft.sleep(secs(0.1)); // wait for the task to complete
        }, s -> {
            s.value();
            return s.done(coro.isDone());
        }));
        assertEquals(true, r);
    }

    @Test
    @DisplayName("test_waitfor.py: WaitForShieldTests.test_none_timeout")
    void noneTimeout() {
        Script<String> coro = Co.sleeper(0.1, "done");
        Object r = run(Script.of(s -> Weft.waitFor(Weft.shield(Weft.spawn(coro)), null), s -> {
            s.value();
            assertTrue(coro.isDone());
            return coro;
        }, s -> s.done(s.value())));
        assertEquals("done", r);
    }

    @Test
    @DisplayName("test_waitfor.py: WaitForShieldTests.test_shielded_timeout")
    void shieldedTimeout() {
        Script<String> coro = Co.sleeper(0.1, "done");
        Object r = run(Script.of(s -> Weft.waitFor(Weft.shield(Weft.spawn(coro)), secs(0.01)), s -> {
            assertInstanceOf(TimedOutException.class, s.failure());
            assertFalse(coro.isDone());
            assertFalse(coro.isCancelled());
            return coro;
        }, s -> s.done(s.value())));
        assertEquals("done", r);
    }

    // ------------------------------------------------------------------ Weft-specific

    @Test
    void aCoroutineObjectRunsInlineInTheAwaitingTask() {
        Task<?>[] seen = new Task<?>[2];
        Script<String> body = Script.of(b -> {
            seen[1] = Weft.currentTask();
            return b.done("inline");
        });
        Object r = run(Script.of(s -> {
            seen[0] = Weft.currentTask();
            return Weft.waitFor(body, secs(1));
        }, s -> s.done(s.value())));
        assertEquals("inline", r);
        assertTrue(seen[0] == seen[1]);
    }

    @Test
    void timeoutOfZeroSpawnsTheCoroutineAsATaskThatNeverStarts() {
        Script<String> body = Co.returning("never");
        Object r = run(Script.of(s -> Weft.waitFor(body, secs(-5)), s -> s.done(s.failure())));
        assertInstanceOf(TimedOutException.class, r);
        assertTrue(body.isCancelled());
        assertTrue(body.name().startsWith("Task-"), "it ran as a task: " + body.name());
    }

    @Test
    void timeoutOfZeroReturnsTheValueOfATaskThatSwallowsTheCancellation() {
        Script<String> stubborn = Script.of(s -> Weft.sleep(secs(10)), s -> {
            s.failure();
            log.add("swallowed at " + now());
            return s.done("kept going");
        });
        Object r = run(Script.of(s -> {
            Weft.spawn(stubborn);
            return Weft.yieldNow();
        }, s -> Weft.waitFor(stubborn, Duration.ZERO), s -> s.done(s.value())));
        assertEquals("kept going", r);
        assertEquals(Arrays.asList("swallowed at 0.0"), log);
    }

    @Test
    void timeoutOfZeroThrowsTheFailureOfADoneTask() {
        Script<Void> failed = Script.of(s -> {
            throw new FooException();
        });
        Object r = run(Script.of(s -> {
            Weft.spawn(failed);
            return Weft.yieldNow();
        }, s -> Weft.waitFor(failed, Duration.ZERO), s -> s.done(s.failure())));
        assertInstanceOf(FooException.class, r);
    }

    @Test
    void positiveTimeoutOnAPromiseThatNeverCompletes() {
        Promise<String> never = new Promise<>();
        Object r = run(Script.of(s -> Weft.waitFor(never, secs(3)),
                s -> s.done(s.failure().getClass().getSimpleName() + " at " + now())));
        assertEquals("TimedOutException at 3.0", r);
        // asyncio 3.12+'s wait_for awaits the future inside timeout(): the timeout cancels the
        // task, and cancelling a task cancels the future it waits on (test_tasks.py:
        // test_task_cancel_waiter_future).
        assertTrue(never.isCancelled());
    }

    @Test
    void waitForCanBeSpawnedAsATaskAndCancellationReachesTheCoroutine() {
        Script<String> body = Script.of(b -> Weft.sleep(secs(10)), b -> {
            log.add("body saw " + b.failure().getClass().getSimpleName() + " at " + now());
            throw new CancelledException("gone");
        });
        Object r = run(Script.of(s -> {
            Task<String> t = Weft.spawn(Weft.waitFor(body, secs(5)));
            EventLoop.current().callLater(secs(1), t::cancel);
            return t;
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
        assertEquals(Arrays.asList("body saw CancelledException at 1.0"), log);
    }

    @Test
    void waitForArgumentsAreChecked() {
        assertThrows(NullPointerException.class, () -> Weft.waitFor(null, secs(1)));
        assertNull(run(Script.of(s -> Weft.waitFor(Weft.sleep(secs(1)), null), s -> s.done(s.value()))));
    }

    /** The test's FooException. */
    static final class FooException extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
