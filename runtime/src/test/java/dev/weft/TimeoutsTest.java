package dev.weft;

import static dev.weft.Co.now;
import static dev.weft.Co.run;
import static dev.weft.Co.secs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Ports of CPython 3.13 test_asyncio/test_timeouts.py, plus Weft-specific tests of Timeout. */
class TimeoutsTest {
    private final List<String> log = new ArrayList<>();

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_basic")
    void timeoutBasic() {
        Timeout[] cm = new Timeout[1];
        Object r = run(Script.of(s -> {
            cm[0] = Timeout.after(secs(0.01));
            return cm[0].run(Weft.sleep(secs(10)));
        }, s -> s.done(s.failure())));
        assertInstanceOf(TimedOutException.class, r);
        assertTrue(cm[0].expired());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_at_basic")
    void timeoutAtBasic() {
        Timeout[] cm = new Timeout[1];
        double[] deadline = new double[1];
        Object r = run(Script.of(s -> {
            deadline[0] = now() + 0.01;
            cm[0] = Timeout.at(deadline[0]);
            return cm[0].run(Weft.sleep(secs(10)));
        }, s -> s.done(s.failure())));
        assertInstanceOf(TimedOutException.class, r);
        assertTrue(cm[0].expired());
        assertEquals(deadline[0], cm[0].when());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_nested_timeouts")
    void nestedTimeouts() {
        Timeout[] cm = new Timeout[2];
        boolean[] cancelled = {false};
        Object r = run(Script.of(s -> {
            double deadline = now() + 0.01;
            cm[0] = Timeout.at(deadline);
            cm[1] = Timeout.at(deadline);
            // Only the topmost scope turns the cancellation into a timeout.
            Script<Void> body = Script.of(b -> cm[1].run(Weft.sleep(secs(10))), b -> {
                Throwable f = b.failure();
                if (f instanceof CancelledException) {
                    cancelled[0] = true;
                }
                throw f;
            });
            return cm[0].run(body);
        }, s -> s.done(s.failure())));
        assertInstanceOf(TimedOutException.class, r);
        assertTrue(cancelled[0]);
        assertTrue(cm[0].expired());
        assertTrue(cm[1].expired());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_waiter_cancelled")
    void waiterCancelled() {
        boolean[] cancelled = {false};
        Script<Void> body = Script.of(b -> Weft.sleep(secs(10)), b -> {
            Throwable f = b.failure();
            cancelled[0] = f instanceof CancelledException;
            throw f;
        });
        Object r = run(Script.of(s -> Weft.timeout(secs(0.01), body), s -> s.done(s.failure())));
        assertInstanceOf(TimedOutException.class, r);
        assertTrue(cancelled[0]);
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_not_called")
    void timeoutNotCalled() {
        Timeout[] cm = new Timeout[1];
        double t1 = run(Script.of(s -> {
            cm[0] = Timeout.after(secs(10));
            return cm[0].run(Weft.sleep(secs(0.01)));
        }, s -> {
            s.value();
            return s.done(now());
        }));
        assertFalse(cm[0].expired());
        assertTrue(cm[0].when() > t1);
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_disabled")
    void timeoutDisabled() {
        Timeout[] cm = new Timeout[1];
        run(Script.of(s -> {
            cm[0] = Timeout.after(null);
            return cm[0].run(Weft.sleep(secs(0.01)));
        }, s -> s.done(s.value())));
        assertFalse(cm[0].expired());
        assertNull(cm[0].when());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_at_disabled")
    void timeoutAtDisabled() {
        Timeout[] cm = new Timeout[1];
        run(Script.of(s -> {
            cm[0] = Timeout.at(null);
            return cm[0].run(Weft.sleep(secs(0.01)));
        }, s -> s.done(s.value())));
        assertFalse(cm[0].expired());
        assertNull(cm[0].when());
    }

    private void checkExpiresAtOnce(Duration delay, Duration sleep, boolean pastDeadline) {
        Timeout[] cm = new Timeout[1];
        double[] t = new double[2];
        Object r = run(Script.of(s -> {
            t[0] = now();
            cm[0] = Timeout.after(delay);
            return cm[0].run(Weft.sleep(sleep));
        }, s -> {
            t[1] = now();
            return s.done(s.failure());
        }));
        assertInstanceOf(TimedOutException.class, r);
        assertTrue(cm[0].expired());
        if (pastDeadline) {
            assertTrue(t[0] >= cm[0].when() && cm[0].when() <= t[1]);
        } else {
            assertTrue(t[0] <= cm[0].when() && cm[0].when() <= t[1]);
        }
        assertEquals(t[0], t[1], "expired at the next iteration, without waiting");
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_zero")
    void timeoutZero() {
        checkExpiresAtOnce(Duration.ZERO, secs(10), false);
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_zero_sleep_zero")
    void timeoutZeroSleepZero() {
        checkExpiresAtOnce(Duration.ZERO, Duration.ZERO, false);
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_in_the_past_sleep_zero")
    void timeoutInThePastSleepZero() {
        checkExpiresAtOnce(secs(-11), Duration.ZERO, true);
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_foreign_exception_passed")
    void foreignExceptionPassed() {
        Timeout[] cm = new Timeout[1];
        Object r = run(Script.of(s -> {
            cm[0] = Timeout.after(secs(0.01));
            return cm[0].run(Script.of(b -> {
                throw new KeyError();
            }));
        }, s -> s.done(s.failure())));
        assertInstanceOf(KeyError.class, r);
        assertFalse(cm[0].expired());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_exception_context")
    void timeoutExceptionContext() {
        // try { 1/0 } finally { await sleep(1) }: the CancelledException thrown in the finally
        // block replaces the ArithmeticException. Java has no implicit exception context, so only
        // the cause of the TimedOutException is checked.
        Throwable[] pending = new Throwable[1];
        Script<Void> body = Script.of(b -> {
            pending[0] = new ArithmeticException("/ by zero");
            return Weft.sleep(secs(1));
        }, b -> {
            b.value();
            throw pending[0];
        });
        Object r = run(Script.of(s -> Weft.timeout(secs(0.01), body), s -> s.done(s.failure())));
        TimedOutException e = assertInstanceOf(TimedOutException.class, r);
        assertInstanceOf(CancelledException.class, e.getCause());
        assertNull(e.getCause().getCause());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_foreign_exception_on_timeout")
    void foreignExceptionOnTimeout() {
        // crash(): try { await sleep(1) } finally { 1/0 }. asyncio inserts the TimeoutError into
        // the context chain of the escaping exception; Weft records it as a suppressed exception.
        Script<Void> crash = Script.of(b -> Weft.sleep(secs(1)), b -> {
            b.failure();
            throw new ArithmeticException("/ by zero");
        });
        Object r = run(Script.of(s -> Weft.timeout(secs(0.01), crash), s -> s.done(s.failure())));
        ArithmeticException e = assertInstanceOf(ArithmeticException.class, r);
        assertNull(e.getCause());
        assertEquals(1, e.getSuppressed().length);
        assertInstanceOf(TimedOutException.class, e.getSuppressed()[0]);
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_foreign_cancel_doesnt_timeout_if_not_expired")
    void foreignCancelDoesntTimeoutIfNotExpired() {
        Timeout[] cm = new Timeout[1];
        Object r = run(Script.of(s -> {
            cm[0] = Timeout.after(secs(10));
            return cm[0].run(Script.of(b -> {
                Weft.currentTask().cancel();
                return Weft.sleep(secs(10));
            }));
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
        assertFalse(cm[0].expired());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_outer_task_is_not_cancelled")
    void outerTaskIsNotCancelled() {
        Script<String> outer = Script.of(s -> Weft.timeout(secs(0.001), Weft.sleep(secs(10))),
                s -> s.done(s.failure() instanceof TimedOutException ? "timed out" : "no"));
        Task<?>[] task = new Task<?>[1];
        Object r = run(Script.of(s -> {
            task[0] = Weft.spawn(outer);
            return task[0];
        }, s -> s.done(s.value())));
        assertEquals("timed out", r);
        assertFalse(task[0].isCancelled());
        assertTrue(task[0].isDone());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_reschedule")
    void reschedule() {
        Promise<Timeout> fut = new Promise<>();
        double[] deadline = new double[2];
        Task<?>[] task = new Task<?>[1];
        Timeout[] cm = new Timeout[1];
        Object r = run(Script.of(s -> {
            deadline[0] = now() + 10;
            deadline[1] = deadline[0] + 20;
            Script<Void> f = Script.of(x -> {
                Timeout t = Timeout.at(deadline[0]);
                return t.run(Script.of(b -> {
                    fut.complete(t);
                    return Weft.sleep(secs(50));
                }));
            });
            task[0] = Weft.spawn(f);
            return fut;
        }, s -> {
            cm[0] = (Timeout) s.value();
            assertEquals(deadline[0], cm[0].when());
            cm[0].reschedule(deadline[1]);
            assertEquals(deadline[1], cm[0].when());
            cm[0].reschedule(null);
            assertNull(cm[0].when());
            task[0].cancel();
            return task[0];
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
        assertFalse(cm[0].expired());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_nested_timeout_in_finally")
    void nestedTimeoutInFinally() {
        Throwable[] inner = new Throwable[1];
        Throwable[] pending = new Throwable[1];
        // try { await sleep(1) } finally { try { timeout(0.01) { await sleep(10) } } catch (TimedOut e2) {} }
        Script<Void> body = Script.of(b -> Weft.sleep(secs(1)), b -> {
            pending[0] = b.failure();
            log.add("finally after " + pending[0].getClass().getSimpleName());
            return Weft.timeout(secs(0.01), Weft.sleep(secs(10)));
        }, b -> {
            inner[0] = b.failure();
            throw pending[0]; // the end of the finally block
        });
        Object r = run(Script.of(s -> Weft.timeout(secs(0.01), body), s -> s.done(s.failure())));
        TimedOutException e1 = assertInstanceOf(TimedOutException.class, r);
        assertInstanceOf(CancelledException.class, e1.getCause());
        assertSame(pending[0], e1.getCause());
        TimedOutException e2 = assertInstanceOf(TimedOutException.class, inner[0]);
        assertInstanceOf(CancelledException.class, e2.getCause());
        assertEquals(Arrays.asList("finally after CancelledException"), log);
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_after_cancellation")
    void timeoutAfterCancellation() {
        Object r = run(Script.of(s -> {
            Weft.currentTask().cancel();
            return Weft.sleep(secs(1)); // work which will be cancelled
        }, s -> {
            assertInstanceOf(CancelledException.class, s.failure()); // except CancelledError: pass
            return Weft.timeout(Duration.ZERO, Weft.sleep(secs(1))); // some cleanup
        }, s -> s.done(s.failure())));
        assertInstanceOf(TimedOutException.class, r);
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_cancel_in_timeout_after_cancellation")
    void cancelInTimeoutAfterCancellation() {
        Object r = run(Script.of(s -> {
            Weft.currentTask().cancel();
            return Weft.sleep(secs(1));
        }, s -> {
            assertInstanceOf(CancelledException.class, s.failure());
            return Weft.timeout(secs(1.0), Script.of(b -> {
                Weft.currentTask().cancel();
                return Weft.sleep(secs(2));
            }));
        }, s -> s.done(s.failure())));
        assertInstanceOf(CancelledException.class, r);
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_already_entered")
    void timeoutAlreadyEntered() {
        Object r = run(Script.of(s -> {
            Timeout cm = Timeout.after(secs(0.01));
            return cm.run(Script.of(b -> cm.run(Script.of()), b -> b.done(b.failure())));
        }, s -> s.done(s.value())));
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, r);
        assertTrue(e.getMessage().contains("has already been entered"), e.getMessage());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_double_enter")
    void timeoutDoubleEnter() {
        Timeout[] cm = new Timeout[1];
        Object r = run(Script.of(s -> {
            cm[0] = Timeout.after(secs(0.01));
            return cm[0].run(Script.of());
        }, s -> {
            s.value();
            return cm[0].run(Script.of());
        }, s -> s.done(s.failure())));
        IllegalStateException e = assertInstanceOf(IllegalStateException.class, r);
        assertTrue(e.getMessage().contains("has already been entered"), e.getMessage());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_finished")
    void timeoutFinished() {
        Timeout[] cm = new Timeout[1];
        run(Script.of(s -> {
            cm[0] = Timeout.after(secs(0.01));
            return cm[0].run(Script.of());
        }, s -> s.done(s.value())));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm[0].reschedule(0.02));
        assertTrue(e.getMessage().contains("finished"), e.getMessage());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_expired")
    void timeoutExpired() {
        Timeout[] cm = new Timeout[1];
        Object r = run(Script.of(s -> {
            cm[0] = Timeout.after(secs(0.01));
            return cm[0].run(Weft.sleep(secs(1)));
        }, s -> s.done(s.failure())));
        assertInstanceOf(TimedOutException.class, r);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm[0].reschedule(0.02));
        assertTrue(e.getMessage().contains("expired"), e.getMessage());
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_expiring")
    void timeoutExpiring() {
        Object r = run(Script.of(s -> {
            Timeout cm = Timeout.after(secs(0.01));
            return cm.run(Script.of(b -> Weft.sleep(secs(1)), b -> {
                assertInstanceOf(CancelledException.class, b.failure());
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02));
                return b.done(e.getMessage());
            }));
        }, s -> s.done(s.value())));
        // The body swallowed the cancellation: the scope ends normally with its value.
        assertTrue(((String) r).contains("expiring"), (String) r);
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_not_entered")
    void timeoutNotEntered() {
        Object r = run(Script.of(s -> {
            Timeout cm = Timeout.after(secs(0.01));
            return s.done(assertThrows(IllegalStateException.class, () -> cm.reschedule(0.02)));
        }));
        assertTrue(((Throwable) r).getMessage().contains("has not been entered"));
    }

    @Test
    @DisplayName("test_timeouts.py: TimeoutTests.test_timeout_taskgroup")
    void timeoutTaskgroup() {
        // task(): try { await sleep(2) } finally { 1/0 }
        Script<Void> task = Script.of(b -> Weft.sleep(secs(2)), b -> {
            b.failure();
            throw new ArithmeticException("/ by zero");
        });
        // timeout(0.01) { TaskGroup { spawn(task()); try { raise ValueError } finally { await sleep(1) } } }
        Object r = run(Script.of(s -> Weft.timeout(secs(0.01), TaskGroup.run(g -> Script.of(b -> {
            g.spawn(task);
            return Weft.sleep(secs(1)); // in the finally block of "raise ValueError"
        }, b -> {
            b.value(); // the CancelledException replaces the pending ValueError
            throw new IllegalArgumentException("ValueError");
        }))), s -> s.done(s.failure())));
        TaskGroupException eg = assertInstanceOf(TaskGroupException.class, r);
        assertEquals(1, eg.exceptions().size(), eg.toString());
        Throwable e1 = eg.exceptions().get(0);
        assertInstanceOf(ArithmeticException.class, e1);
        // asyncio puts the TimeoutError in the context chains of the group and of its members.
        assertTrue(hasSuppressed(eg, TimedOutException.class));
        assertTrue(hasSuppressed(e1, TimedOutException.class));
    }

    private static boolean hasSuppressed(Throwable t, Class<?> type) {
        for (Throwable s : t.getSuppressed()) {
            if (type.isInstance(s)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ Weft-specific

    @Test
    void timeoutReturnsTheBodysValueAndFiresNothingLater() {
        EventLoop loop = EventLoop.withVirtualTime();
        Object r = loop.runUntilComplete(Script.of(s -> Weft.timeout(secs(5), Co.sleeper(1, "body")),
                s -> {
                    assertEquals("body", s.value());
                    return Weft.sleep(secs(10)); // past the old deadline: no stray cancellation
                }, s -> {
                    s.value();
                    return s.done(Weft.currentTask().cancelling());
                }));
        assertEquals(0, r);
    }

    @Test
    void timeoutAtRunsTheBodyWithAnAbsoluteDeadline() {
        Object r = run(Script.of(s -> Weft.timeoutAt(now() + 2, Co.sleeper(3, "late")),
                s -> s.done(s.failure().getClass().getSimpleName() + " at " + now())));
        assertEquals("TimedOutException at 2.0", r);
    }

    @Test
    void timeoutOfATaskCancelsTheTaskAndWaitsForIt() {
        Script<String> child = Script.of(c -> Weft.sleep(secs(10)), c -> {
            c.failure();
            log.add("child cleaning up at " + now());
            return Weft.sleep(secs(1));
        }, c -> {
            c.value();
            throw new CancelledException("child done");
        });
        Task<?>[] t = new Task<?>[1];
        Object r = run(Script.of(s -> {
            t[0] = Weft.spawn(child);
            return Weft.timeout(secs(2), t[0]);
        }, s -> s.done(s.failure().getClass().getSimpleName() + " at " + now())));
        assertEquals("TimedOutException at 3.0", r);
        assertTrue(t[0].isCancelled());
        assertEquals(Arrays.asList("child cleaning up at 2.0"), log);
    }

    @Test
    void bodyRescheduledFromInsideExpiresAtTheNewDeadline() {
        Timeout[] cmHolder = new Timeout[1];
        Object r = run(Script.of(s -> {
            cmHolder[0] = Timeout.never();
            return cmHolder[0].run(Script.of(b -> {
                cmHolder[0].reschedule(now() + 1.5);
                return Weft.sleep(secs(100));
            }));
        }, s -> s.done(s.failure().getClass().getSimpleName() + " at " + now())));
        assertEquals("TimedOutException at 1.5", r);
        assertTrue(cmHolder[0].expired());
    }

    @Test
    void timeoutToStringFollowsItsState() {
        Timeout[] cm = new Timeout[1];
        List<String> seen = new ArrayList<>();
        run(Script.of(s -> {
            cm[0] = Timeout.at(5.0);
            seen.add(cm[0].toString());
            return cm[0].run(Script.of(b -> {
                seen.add(cm[0].toString());
                return null;
            }));
        }, s -> s.done(s.value())));
        seen.add(cm[0].toString());
        assertEquals(Arrays.asList("Timeout[created]", "Timeout[active, when=5.0]", "Timeout[finished]"), seen);
    }

    @Test
    void timeoutArgumentsAreChecked() {
        assertThrows(NullPointerException.class, () -> Weft.timeout(secs(1), null));
        assertThrows(NullPointerException.class, () -> Weft.timeoutAt(1.0, null));
        assertThrows(NullPointerException.class, () -> Timeout.never().run(null));
        assertThrows(IllegalArgumentException.class, () -> Timeout.at(Double.NaN));
        // A relative deadline needs the loop's clock.
        assertThrows(IllegalStateException.class, () -> Timeout.after(secs(1)));
        assertSame(null, Timeout.after(null).when());
    }

    /** Python's KeyError, for the ported tests. */
    static final class KeyError extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
