package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class EventLoopTest {
    private final List<String> log = new ArrayList<>();

    private Script<Void> logger(String name, int steps) {
        Script.Step[] s = new Script.Step[steps];
        for (int i = 0; i < steps; i++) {
            int n = i;
            s[i] = x -> {
                log.add(name + n);
                return Weft.yieldNow();
            };
        }
        return Script.of(s);
    }

    @Test
    void readyTasksRunInFifoOrderAndSpawnerContinues() {
        EventLoop loop = EventLoop.withVirtualTime();
        Script<String> main = Script.of(s -> {
            Weft.spawn(logger("a", 2));
            Weft.spawn(logger("b", 2));
            log.add("main continues");
            return Weft.yieldNow();
        }, s -> {
            log.add("main resumed");
            return Weft.yieldNow();
        }, s -> s.done("ok"));
        assertEquals("ok", loop.runUntilComplete(main));
        assertEquals(Arrays.asList("main continues", "a0", "b0", "main resumed", "a1", "b1"), log);
    }

    @Test
    void awaitingCompletedThingsContinuesWithoutTheLoop() {
        EventLoop loop = EventLoop.withVirtualTime();
        Event set = new Event();
        set.set();
        Promise<Integer> done = new Promise<>();
        done.complete(7);
        Script<Integer> main = Script.of(s -> {
            Weft.spawn(logger("other", 1));
            return set;
        }, s -> {
            log.add("after event");
            return done;
        }, s -> {
            log.add("after promise");
            return s.done(s.value());
        });
        assertEquals(7, loop.runUntilComplete(main));
        // The spawned task only runs when main actually suspends (here: when it finishes).
        assertEquals(Arrays.asList("after event", "after promise"), log);
    }

    @Test
    void manyImmediateAwaitsDoNotGrowTheStack() {
        Event set = new Event();
        set.set();
        int[] count = {0};
        Script<Integer> main = Script.of(s -> set, s -> {
            if (++count[0] < 1_000_000) {
                s.goTo(1);
                return set;
            }
            return s.done(count[0]);
        });
        assertEquals(1_000_000, EventLoop.withVirtualTime().runUntilComplete(main));
    }

    @Test
    void timersWithEqualDeadlinesFireInOrderTheyWereSet() {
        EventLoop loop = EventLoop.withVirtualTime();
        Script<Void> main = Script.of(s -> {
            EventLoop l = EventLoop.current();
            l.callLater(Duration.ofSeconds(2), () -> log.add("late"));
            for (int i = 0; i < 5; i++) {
                int n = i;
                l.callLater(Duration.ofSeconds(1), () -> log.add("t" + n));
            }
            l.callSoon(() -> log.add("soon"));
            return Weft.sleep(Duration.ofSeconds(3));
        }, s -> {
            log.add("woke at " + EventLoop.current().time());
            return null;
        });
        loop.runUntilComplete(main);
        assertEquals(Arrays.asList("soon", "t0", "t1", "t2", "t3", "t4", "late", "woke at 3.0"), log);
    }

    @Test
    void virtualTimeRunsAnHourOfSleepsAtOnce() {
        EventLoop loop = EventLoop.withVirtualTime();
        long start = System.nanoTime();
        Script<Double> main = Script.of(s -> Weft.sleep(Duration.ofHours(1)),
                s -> s.done(EventLoop.current().time()));
        assertEquals(3600.0, loop.runUntilComplete(main));
        assertTrue(System.nanoTime() - start < 5_000_000_000L);
    }

    @Test
    void cancellingAWaitingTaskThrowsAtItsSuspensionPointAndRunsCleanup() {
        EventLoop loop = EventLoop.withVirtualTime();
        Event never = new Event();
        Script<String> victim = Script.of(s -> never, s -> {
            Throwable f = s.failure();
            log.add("cleanup saw " + f.getClass().getSimpleName() + ": " + f.getMessage());
            throw f;
        });
        Script<String> main = Script.of(s -> {
            Weft.spawn(victim);
            return Weft.yieldNow();
        }, s -> {
            assertEquals(1, never.waiterCount());
            assertTrue(victim.cancel("stop"));
            return victim;
        }, s -> {
            try {
                s.value();
            } catch (CancelledException e) {
                return s.done("cancelled: " + e.getMessage());
            }
            return s.done("not cancelled");
        });
        assertEquals("cancelled: stop", loop.runUntilComplete(main));
        assertTrue(victim.isCancelled());
        assertEquals(0, never.waiterCount());
        assertEquals(Arrays.asList("cleanup saw CancelledException: stop"), log);
    }

    @Test
    void taskCancelledBeforeItsFirstStepNeverRunsItsBody() {
        EventLoop loop = EventLoop.withVirtualTime();
        Script<Void> victim = Script.of(s -> {
            log.add("body ran");
            return null;
        });
        Script<Boolean> main = Script.of(s -> {
            Weft.spawn(victim);
            victim.cancel();
            return victim;
        }, s -> s.done(s.failure() instanceof CancelledException));
        assertTrue(loop.runUntilComplete(main));
        assertTrue(victim.isCancelled());
        assertTrue(log.isEmpty());
    }

    @Test
    void cancelWhileReadyDeliversAtNextStepAndWakeUpIsNotLost() {
        EventLoop loop = EventLoop.withVirtualTime();
        Event ev = new Event();
        Script<String> waiter = Script.of(s -> ev, s -> s.done("woken"));
        Script<Object> main = Script.of(s -> {
            Weft.spawn(waiter);
            return Weft.yieldNow();
        }, s -> {
            ev.set();           // waiter is now ready with its outcome
            waiter.cancel();    // cancellation replaces the outcome when it runs
            return waiter;
        }, s -> s.done(s.failure()));
        Object r = loop.runUntilComplete(main);
        assertTrue(r instanceof CancelledException);
        assertTrue(waiter.isCancelled());
    }

    @Test
    void cancellingATaskThatAwaitsAnotherCancelsThatOneToo() {
        EventLoop loop = EventLoop.withVirtualTime();
        Script<Void> inner = Script.of(s -> new Event());
        Script<Void> outer = Script.of(s -> Weft.spawn(inner));
        Script<Void> main = Script.of(s -> {
            Weft.spawn(outer);
            return Weft.yieldNow();
        }, s -> Weft.yieldNow(), s -> {
            outer.cancel();
            return Weft.sleep(1);
        });
        loop.runUntilComplete(main);
        assertTrue(inner.isCancelled());
        assertTrue(outer.isCancelled());
    }

    @Test
    void awaitingANewCoroutineObjectRunsItInlineInTheSameTask() {
        EventLoop loop = EventLoop.withVirtualTime();
        Task<?>[] seen = new Task<?>[2];
        Script<Integer> child = Script.of(s -> {
            seen[0] = Weft.currentTask();
            return Weft.sleep(10);
        }, s -> s.done(41));
        Script<Integer> main = Script.of(s -> {
            seen[1] = Weft.currentTask();
            return child;
        }, s -> s.done((Integer) s.value() + 1));
        assertEquals(42, loop.runUntilComplete(main));
        assertSame(seen[0], seen[1]);
        assertTrue(child.isDone());
        assertEquals(41, child.result());
    }

    @Test
    void deepInlineRecursionUsesFramesNotTheJavaStack() {
        EventLoop loop = EventLoop.withVirtualTime();
        assertEquals(100_000, loop.runUntilComplete(countdown(100_000)));
    }

    private static Script<Integer> countdown(int n) {
        return Script.of(s -> n == 0 ? s.done(0) : countdown(n - 1), s -> s.done((Integer) s.value() + 1));
    }

    @Test
    void exceptionsPropagateThroughInlineFramesAndTasks() {
        EventLoop loop = EventLoop.withVirtualTime();
        Script<Void> failing = Script.of(s -> Weft.yieldNow(), s -> {
            throw new IllegalArgumentException("boom");
        });
        Script<Void> middle = Script.of(s -> failing);
        Script<Void> main = Script.of(s -> Weft.spawn(middle));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> loop.runUntilComplete(main));
        assertEquals("boom", e.getMessage());
    }

    @Test
    void checkedFailuresAreWrappedByRunUntilComplete() {
        Script<Void> main = Script.of(s -> {
            throw new java.io.IOException("disk");
        });
        TaskFailedException e = assertThrows(TaskFailedException.class, () -> EventLoop.withVirtualTime().runUntilComplete(main));
        assertTrue(e.getCause() instanceof java.io.IOException);
    }

    @Test
    void deadlockIsReportedWithEveryBlockedTask() {
        EventLoop loop = EventLoop.withVirtualTime();
        Event a = new Event();
        Promise<String> p = new Promise<>();
        Script<Void> other = Script.of(s -> p);
        Script<Void> main = Script.of(s -> {
            Weft.spawn(other, "other");
            return a;
        });
        DeadlockException e = assertThrows(DeadlockException.class, () -> loop.runUntilComplete(main));
        assertTrue(e.getMessage().contains("Task-1 waits on Event[unset, waiters:1]"), e.getMessage());
        assertTrue(e.getMessage().contains("other waits on Promise[pending, waiters:1]"), e.getMessage());
    }

    @Test
    void awaitCycleBetweenTasksIsRejected() {
        EventLoop loop = EventLoop.withVirtualTime();
        Task<?>[] tasks = new Task<?>[2];
        Script<Void> b = Script.of(s -> tasks[0]);
        Script<Void> a = Script.of(s -> {
            tasks[1] = Weft.spawn(b);
            return Weft.yieldNow();
        }, s -> tasks[1]);
        Script<Object> main = Script.of(s -> {
            tasks[0] = Weft.spawn(a);
            return tasks[0];
        }, s -> s.done(s.failure()));
        Object r = loop.runUntilComplete(main);
        assertTrue(r instanceof IllegalStateException, String.valueOf(r));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // another thread: a lost wake-up must not hang the build
    void completionStagesMayCompleteOnAnotherThread() throws Exception {
        CompletableFuture<String> f = new CompletableFuture<>();
        Thread t = new Thread(() -> f.complete("from thread"));
        Script<String> main = Script.of(s -> {
            t.start();
            return CoroutineFrame.suspendOn(f);
        }, s -> s.done(s.value()));
        assertEquals("from thread", new EventLoop().runUntilComplete(main));
        t.join();
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // another thread: a lost wake-up must not hang the build
    void failedCompletionStageThrowsTheCauseAtTheAwait() {
        CompletableFuture<String> f = new CompletableFuture<>();
        Script<Object> main = Script.of(s -> {
            new Thread(() -> f.completeExceptionally(new IllegalStateException("remote"))).start();
            return CoroutineFrame.suspendOn(f.thenApply(x -> x));
        }, s -> s.done(s.failure()));
        Object r = new EventLoop().runUntilComplete(main);
        assertTrue(r instanceof IllegalStateException && "remote".equals(((Throwable) r).getMessage()), String.valueOf(r));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // another thread: a lost wake-up must not hang the build
    void callSoonThreadsafeWakesAnIdleRealTimeLoop() throws Exception {
        EventLoop loop = new EventLoop();
        CompletableFuture<String> gate = new CompletableFuture<>();
        Promise<String> p = new Promise<>();
        Script<String> main = Script.of(s -> {
            EventLoop l = EventLoop.current();
            new Thread(() -> {
                l.callSoonThreadsafe(() -> p.complete("hi"));
                gate.complete("x");
            }).start();
            // An outstanding CompletionStage tells the loop to wait for other threads.
            return CoroutineFrame.suspendOn(gate);
        }, s -> p, s -> s.done(s.value()));
        assertEquals("hi", loop.runUntilComplete(main));
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // another thread: a lost wake-up must not hang the build
    void primitivesRefuseOtherThreadsWhileTheLoopRuns() {
        EventLoop loop = EventLoop.withVirtualTime();
        Event ev = new Event();
        Throwable[] seen = new Throwable[1];
        Script<Void> main = Script.of(s -> {
            Weft.spawn(Script.of(x -> ev));
            return Weft.yieldNow();
        }, s -> {
            Thread t = new Thread(() -> {
                try {
                    ev.set();
                } catch (Throwable e) {
                    seen[0] = e;
                }
            });
            t.start();
            t.join();
            ev.set();
            return null;
        });
        loop.runUntilComplete(main);
        assertTrue(seen[0] instanceof IllegalStateException);
        assertTrue(seen[0].getMessage().contains("callSoonThreadsafe"), seen[0].getMessage());
    }

    @Test
    void neverRetrievedFailureIsLoggedWhenTheLoopCloses() {
        LogCapture capture = new LogCapture();
        List<LogRecord> records = capture.records();
        try {
            EventLoop loop = EventLoop.withVirtualTime();
            Script<Void> bad = Script.of(s -> {
                throw new IllegalStateException("lost");
            });
            Script<Void> good = Script.of(s -> {
                throw new IllegalStateException("seen");
            });
            Script<Void> main = Script.of(s -> {
                Weft.spawn(bad, "bad");
                Weft.spawn(good, "good");
                return Weft.sleep(1);
            }, s -> {
                assertEquals("seen", good.exception().getMessage());
                return null;
            });
            loop.runUntilComplete(main);
            assertTrue(records.isEmpty());
            loop.close();
            assertEquals(1, records.size());
            assertTrue(records.get(0).getMessage().contains("bad"));
            assertEquals("lost", records.get(0).getThrown().getMessage());
        } finally {
            capture.close();
        }
    }

    @Test
    void neverRetrievedFailureIsLoggedWhenTheTaskIsCollectedThoughItsLoopNeverRunsAgain() throws InterruptedException {
        try (LogCapture capture = new LogCapture()) {
            EventLoop loop = EventLoop.withVirtualTime();
            loop.runUntilComplete(Script.of(s -> {
                // Nothing keeps a reference to the task once it has failed.
                Weft.spawn(Script.of(x -> {
                    throw new IllegalStateException("lost");
                }), "forgotten");
                return Weft.yieldNow();
            }, s -> Weft.yieldNow()));
            // The loop is neither run again nor closed: collecting the task is what logs it.
            assertTrue(capture.awaitRecord(10_000, System::gc), "the failure was not logged");
            assertEquals("Task exception was never retrieved: forgotten", capture.records().get(0).getMessage());
            assertEquals("lost", capture.records().get(0).getThrown().getMessage());
            loop.close();
            assertEquals(1, capture.records().size(), "logged once");
        }
    }

    @Test
    void neverRetrievedFailureIsLoggedWhenTheTaskIsCollectedWhileTheLoopRuns() {
        LogCapture capture = new LogCapture();
        List<LogRecord> records = capture.records();
        try {
            EventLoop loop = EventLoop.withVirtualTime();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            loop.runUntilComplete(Script.of(s -> {
                // Nothing keeps a reference to the task once it has failed.
                Weft.spawn(Script.of(x -> {
                    throw new IllegalStateException("lost");
                }), "forgotten");
                return Weft.yieldNow();
            }, s -> {
                // Collect garbage until the loop has logged the failure (or 10 s have passed).
                System.gc();
                if (records.isEmpty() && System.nanoTime() < deadline) {
                    s.goTo(1);
                }
                return Weft.sleep(1);
            }));
            assertEquals(1, records.size(), "logged while the loop runs, before close()");
            assertEquals("Task exception was never retrieved: forgotten", records.get(0).getMessage());
            assertEquals("lost", records.get(0).getThrown().getMessage());
            loop.close();
            assertEquals(1, records.size());
        } finally {
            capture.close();
        }
    }

    @Test
    void aCancelledSleepCancelsItsTimerSoThatItCannotWakeTheTaskFromALaterWait() {
        Event never = new Event();
        Task<?>[] sleeper = new Task<?>[1];
        EventLoop loop = EventLoop.withVirtualTime();
        loop.runUntilComplete(Script.of(s -> {
            sleeper[0] = Weft.spawn(Script.of(x -> Weft.sleep(10), x -> {
                log.add("sleep ended by " + x.failure().getClass().getSimpleName());
                return never;
            }, x -> {
                log.add("woken from the event at " + EventLoop.current().time());
                return null;
            }));
            return Weft.sleep(1);
        }, s -> {
            sleeper[0].cancel();
            return Weft.sleep(100); // well past the cancelled sleep's deadline
        }));
        assertEquals(Arrays.asList("sleep ended by CancelledException"), log);
        assertTrue(sleeper[0].toString().endsWith("[waiting on Event[unset, waiters:1]]"), sleeper[0].toString());
        assertEquals(0.101, loop.time(), 1e-9);
    }

    @Test
    void runCancelsLeftoverTasksAndLetsTheirFinallyBlocksRun() {
        Script<Void> leftover = Script.of(s -> new Event(), s -> {
            log.add("leftover saw " + s.failure().getClass().getSimpleName());
            return null;
        });
        Script<String> main = Script.of(s -> {
            Weft.spawn(leftover);
            return Weft.yieldNow();
        }, s -> s.done("main"));
        assertEquals("main", EventLoop.run(main));
        assertEquals(Arrays.asList("leftover saw CancelledException"), log);
    }

    @Test
    void seededSchedulingIsReproducibleAndDiffersFromFifo() {
        List<String> a = runSeeded(42);
        List<String> b = runSeeded(42);
        assertEquals(a, b);
        boolean someDiffer = false;
        for (long seed = 1; seed < 10; seed++) {
            someDiffer |= !runSeeded(seed).equals(a);
        }
        assertTrue(someDiffer);
    }

    private List<String> runSeeded(long seed) {
        log.clear();
        Script<Void> main = Script.of(s -> {
            for (int i = 0; i < 5; i++) {
                Weft.spawn(logger("t" + i + ".", 3));
            }
            return Weft.sleep(1);
        });
        EventLoop.withSeed(seed).runUntilComplete(main);
        return new ArrayList<>(log);
    }

    /** A method that awaits but is no coroutine (as a @Coroutine method called directly runs). */
    private static String plainCaller(Promise<String> p) {
        return Weft.await(p);
    }

    @Test
    void awaitOutsideACoroutineReturnsCompletedValuesOnly() {
        Promise<String> p = new Promise<>();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Weft.await(p));
        assertTrue(e.getMessage().startsWith("await(Promise[pending]) would have to wait, but it runs outside a"
                + " coroutine state machine"), e.getMessage());
        assertTrue(e.getMessage().contains("@dev.weft.Coroutine"), e.getMessage());
        // It says where it was called from (here a lambda), and what to do instead.
        assertTrue(e.getMessage().contains("a lambda in EventLoopTest.awaitOutsideACoroutineReturnsCompletedValuesOnly"
                + " (EventLoopTest.java:"), e.getMessage());
        assertTrue(e.getMessage().contains("weft-processor is on the annotation processor path"), e.getMessage());
        // Called from a method, it names the method's factory.
        IllegalStateException fromMethod = assertThrows(IllegalStateException.class, () -> plainCaller(p));
        assertTrue(fromMethod.getMessage().contains("EventLoopTest.plainCaller (EventLoopTest.java:"),
                fromMethod.getMessage());
        assertTrue(fromMethod.getMessage().contains("EventLoop.run(EventLoopTestCoroutines.plainCaller(...))"),
                fromMethod.getMessage());
        assertTrue(fromMethod.getMessage().contains("spawn(EventLoopTestCoroutines.plainCaller(...))"),
                fromMethod.getMessage());
        p.complete("x");
        assertEquals("x", Weft.await(p));
        assertNull(Weft.await(eventSet()));
        assertEquals("y", Weft.await(CompletableFuture.completedFuture("y")));
    }

    private static Event eventSet() {
        Event e = new Event();
        e.set();
        return e;
    }

    @Test
    void aCoroutineObjectRunsOnce() {
        Script<Void> once = Script.of(s -> null);
        EventLoop loop = EventLoop.withVirtualTime();
        loop.runUntilComplete(once);
        assertThrows(IllegalStateException.class, () -> loop.spawn(once));
        assertFalse(once.cancel());
    }

    @Test
    void doneCallbacksRunSoonAfterCompletion() {
        EventLoop loop = EventLoop.withVirtualTime();
        Script<Integer> child = Script.of(s -> Weft.sleep(5), s -> s.done(3));
        Script<Void> main = Script.of(s -> {
            Weft.spawn(child).addDoneCallback(t -> log.add("callback " + t.result()));
            return child;
        }, s -> {
            log.add("awaiter");
            return Weft.yieldNow();
        });
        loop.runUntilComplete(main);
        assertEquals(Arrays.asList("awaiter", "callback 3"), log);
    }

    @Test
    void theOverloadsThatTakeTheClassOfACheckedExceptionRethrowItAsItIs() {
        java.io.IOException io = new java.io.IOException("io");
        java.io.IOException thrown = assertThrows(java.io.IOException.class,
                () -> EventLoop.withVirtualTime().runUntilComplete(Script.of(s -> {
                    throw io;
                }), java.io.IOException.class));
        assertSame(io, thrown);
        // a checked exception of another class is wrapped, as runUntilComplete(main) wraps it
        TaskFailedException wrapped = assertThrows(TaskFailedException.class,
                () -> EventLoop.run(Script.of(s -> {
                    throw new java.util.concurrent.TimeoutException("late");
                }), java.io.IOException.class));
        assertEquals("late", wrapped.getCause().getMessage());
        Promise<String> failed = new Promise<>();
        failed.fail(io);
        assertSame(io, assertThrows(java.io.IOException.class, () -> Weft.await(failed, java.io.IOException.class)));
        assertThrows(TaskFailedException.class, () -> Weft.await(failed));
    }
}
