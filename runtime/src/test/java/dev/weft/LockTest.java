package dev.weft;

import static dev.weft.Aio.awaiting;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CPython's test_locks.py LockTests, ported, and tests of who may release: a task only a lock it
 * holds (Flowno's owner rule), code outside any task a lock any task holds (asyncio).
 */
class LockTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final Lock lock = new Lock();

    private void run(Script<?> main) {
        loop.runUntilComplete(main);
    }

    @Test
    @DisplayName("test_locks.py: LockTests.test_acquire")
    void acquire() {
        List<Integer> result = new ArrayList<>();
        // Owner rule: asyncio's main task releases the lock while c1 or c2 holds it; here each
        // coroutine releases its own acquisition when main sets its event.
        Event[] go = {new Event(), new Event(), new Event()};
        List<Task<?>> t = new ArrayList<>();
        run(Script.of(s -> lock.acquire(), s -> {
            assertSame(lock, ((Lock.Held) s.value()).lock());
            t.add(Weft.spawn(c(1, result, go[0])));
            t.add(Weft.spawn(c(2, result, go[1])));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Collections.emptyList(), result);
            lock.release();
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList(1), result);
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList(1), result);
            go[0].set();
            t.add(Weft.spawn(c(3, result, go[2])));
            return Weft.yieldNow();
        }, s -> {
            // c1 released and woke c2; c3 found the lock free but queued behind c2 (FIFO).
            assertEquals(Arrays.asList(1), result);
            assertFalse(lock.isLocked());
            assertEquals(2, lock.waiterCount());
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList(1, 2), result);
            go[1].set();
            return Weft.yieldNow();
        }, s -> Weft.yieldNow(), s -> {
            assertEquals(Arrays.asList(1, 2, 3), result);
            go[2].set();
            return Weft.yieldNow();
        }, s -> {
            for (Task<?> task : t) {
                assertTrue(task.isDone());
                assertEquals(true, task.result());
            }
            return null;
        }));
    }

    private Script<Boolean> c(int n, List<Integer> result, Event go) {
        return Script.of(s -> lock.acquire(), s -> {
            s.value();
            result.add(n);
            return go;
        }, s -> {
            lock.release();
            return s.done(true);
        });
    }

    @Test
    @DisplayName("test_locks.py: LockTests.test_acquire_cancel")
    void acquireCancel() {
        run(Script.of(s -> lock.acquire(), s -> {
            s.value();
            Task<Lock.Held> task = Weft.spawn(awaiting(lock.acquire()));
            EventLoop.current().callSoon(() -> task.cancel());
            return task;
        }, s -> {
            assertTrue(s.failure() instanceof CancelledException);
            assertEquals(0, lock.waiterCount());
            return null;
        }));
    }

    private Script<Void> lockit(Awaitable<?> blocker) {
        return Script.of(s -> lock.acquire(), s -> {
            s.value();
            return blocker;
        }, s -> {
            Throwable f = s.failure();
            lock.release();
            if (f != null) {
                throw f;
            }
            return null;
        });
    }

    @Test
    @DisplayName("test_locks.py: LockTests.test_cancel_race")
    void cancelRace() {
        Promise<Void> fa = new Promise<>();
        Task<?>[] t = new Task<?>[3];
        run(Script.of(s -> {
            t[0] = Weft.spawn(lockit(fa));
            return Weft.yieldNow();
        }, s -> {
            assertTrue(lock.isLocked());
            t[1] = Weft.spawn(lockit(null));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(1, lock.waiterCount());
            t[2] = Weft.spawn(lockit(null));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(2, lock.waiterCount());
            // Create the race: A is about to release while B, first in line, is cancelled.
            fa.complete(null);
            t[1].cancel();
            assertTrue(lock.waiters.first().isWaitCancelled());
            return Weft.yieldNow();
        }, s -> {
            assertFalse(lock.isLocked());
            assertTrue(t[0].isDone());
            assertTrue(t[1].isCancelled());
            return t[2];
        }, s -> {
            s.value();
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: LockTests.test_cancel_release_race")
    void cancelReleaseRace() {
        int[] lockCount = {0};
        int[] callCount = {0};
        Task<?>[] t = new Task<?>[3];
        run(Script.of(s -> lock.acquire(), s -> {
            s.value();
            for (int i = 0; i < 3; i++) {
                t[i] = Weft.spawn(Script.of(x -> {
                    callCount[0]++;
                    return lock.acquire();
                }, x -> {
                    x.value();
                    lockCount[0]++;
                    return null;
                }));
            }
            return Weft.yieldNow();
        }, s -> {
            // asyncio runs trigger() (cancel t1, release) as a loop callback; here the task
            // holding the lock does both itself (cancelReleaseRaceTriggeredByALoopCallback runs
            // it as a callback, as written).
            t[0].cancel();
            lock.release();
            return t[0];
        }, s -> {
            assertTrue(s.failure() instanceof CancelledException);
            assertEquals(1, lockCount[0]);
            assertEquals(3, callCount[0]);
            assertTrue(t[0].isCancelled() && t[1].isDone());
            t[2].cancel();
            return Weft.yieldNow();
        }, s -> {
            assertTrue(t[2].isCancelled());
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: LockTests.test_finished_waiter_cancelled")
    void finishedWaiterCancelled() {
        Task<?>[] t = new Task<?>[2];
        run(Script.of(s -> lock.acquire(), s -> {
            s.value();
            assertTrue(lock.isLocked());
            t[0] = Weft.spawn(awaiting(lock.acquire()));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(1, lock.waiterCount());
            t[1] = Weft.spawn(awaiting(lock.acquire()));
            t[0].cancel();
            lock.release();
            return Weft.yieldNow();
        }, s -> {
            assertTrue(lock.isLocked());
            assertSame(t[1], lock.owner());
            assertTrue(t[0].isCancelled());
            return t[1];
        }));
    }

    @Test
    @DisplayName("test_locks.py: LockTests.test_release_not_acquired")
    void releaseNotAcquired() {
        IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
        assertEquals("Lock is not acquired.", e.getMessage());
    }

    @Test
    @DisplayName("test_locks.py: LockTests.test_release_no_waiters")
    void releaseNoWaiters() {
        run(Script.of(s -> lock.acquire(), s -> {
            s.value();
            assertTrue(lock.isLocked());
            lock.release();
            assertFalse(lock.isLocked());
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: LockTests.test_context_manager")
    void contextManager() {
        // async with lock: is try-with-resources on the Held token.
        run(Script.of(s -> {
            assertFalse(lock.isLocked());
            return lock.acquire();
        }, s -> {
            try (Lock.Held held = (Lock.Held) s.value()) {
                assertTrue(lock.isLocked());
            }
            assertFalse(lock.isLocked());
            return null;
        }));
    }

    // ------------------------------------------------------------------ Weft / Flowno specifics

    @Test
    void theAcquireOperationAndTheHeldTokenArePerLockSingletons() {
        assertSame(lock.acquire(), lock.acquire());
        Object[] held = new Object[2];
        run(Script.of(s -> lock.acquire(), s -> {
            held[0] = s.value();
            lock.release();
            return lock.acquire();
        }, s -> {
            held[1] = s.value();
            lock.release();
            return null;
        }));
        assertSame(held[0], held[1]);
    }

    @Test
    void awaitingAFreeLockContinuesAtOnce() {
        List<String> log = new ArrayList<>();
        run(Script.of(s -> {
            Weft.spawn(Script.of(x -> {
                log.add("other ran");
                return null;
            }));
            return lock.acquire();
        }, s -> {
            s.value();
            log.add("acquired");
            assertSame(Weft.currentTask(), lock.owner());
            lock.release();
            return Weft.yieldNow();
        }));
        assertEquals(Arrays.asList("acquired", "other ran"), log);
    }

    @Test
    void releaseByAnotherTaskIsRefusedAndNamesBothTasks() {
        Object[] seen = new Object[1];
        run(Script.of(s -> lock.acquire(), s -> {
            s.value();
            Task<?> other = Weft.spawn(Script.of(x -> {
                lock.release();
                return null;
            }), "intruder");
            return other;
        }, s -> {
            seen[0] = s.failure();
            assertTrue(lock.isLocked());
            lock.release();
            return null;
        }));
        assertTrue(seen[0] instanceof IllegalStateException, String.valueOf(seen[0]));
        String message = ((Throwable) seen[0]).getMessage();
        assertTrue(message.contains("Task-1") && message.contains("intruder"), message);
    }

    @Test
    @DisplayName("test_locks.py: LockTests.test_cancel_release_race, trigger() as a loop callback")
    void cancelReleaseRaceTriggeredByALoopCallback() {
        // As written in CPython: trigger() runs as a callback, outside any task, and releases the
        // lock that the main task holds (asyncio's rule for code outside tasks).
        int[] lockCount = {0};
        int[] callCount = {0};
        Task<?>[] t = new Task<?>[3];
        run(Script.of(s -> lock.acquire(), s -> {
            s.value();
            for (int i = 0; i < 3; i++) {
                t[i] = Weft.spawn(Script.of(x -> {
                    callCount[0]++;
                    return lock.acquire();
                }, x -> {
                    x.value();
                    lockCount[0]++;
                    return null;
                }));
            }
            return Weft.yieldNow();
        }, s -> {
            EventLoop.current().callSoon(() -> {
                t[0].cancel();
                lock.release();
            });
            return t[0];
        }, s -> {
            assertTrue(s.failure() instanceof CancelledException);
            assertEquals(1, lockCount[0]);
            assertEquals(3, callCount[0]);
            assertTrue(t[0].isCancelled() && t[1].isDone());
            t[2].cancel();
            return Weft.yieldNow();
        }, s -> {
            assertTrue(t[2].isCancelled());
            return null;
        }));
    }

    @Test
    void releaseByAnotherTaskIsRefusedAlsoWhenTheOwnerHasFinished() {
        Script<Lock.Held> owner = awaiting(lock.acquire());
        loop.spawn(owner, "owner");
        loop.runUntilComplete(owner);
        Script<Void> other = Script.of(x -> {
            lock.release();
            return null;
        });
        loop.spawn(other, "other");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> loop.runUntilComplete(other));
        assertTrue(e.getMessage().contains("owner") && e.getMessage().contains("other"), e.getMessage());
        assertTrue(lock.isLocked());
        assertSame(owner, lock.owner());
    }

    @Test
    void aTimerCallbackReleasesALockThatAFinishedTaskAcquired() {
        // The asyncio notebook's Lock program: run_until_complete(lock.acquire()) leaves the lock
        // held by a finished task; call_later(0.1, unlock) releases it for the waiting tasks.
        Script<Lock.Held> acquirer = awaiting(lock.acquire());
        loop.runUntilComplete(acquirer);
        assertTrue(acquirer.isDone());
        assertSame(acquirer, lock.owner());

        List<String> log = new ArrayList<>();
        loop.callLater(Duration.ofMillis(100), () -> {
            log.add("release at " + loop.time());
            lock.release();
            assertFalse(lock.isLocked());
        });
        Task<?>[] t = new Task<?>[2];
        for (int i = 0; i < 2; i++) {
            String name = "c" + i;
            t[i] = loop.spawn(Script.of(s -> lock.acquire(), s -> {
                s.value();
                log.add(name + " acquired at " + loop.time());
                lock.release();
                return null;
            }));
        }
        run(Script.of(s -> t[0], s -> t[1]));
        assertEquals(Arrays.asList("release at 0.1", "c0 acquired at 0.1", "c1 acquired at 0.1"), log);
        assertFalse(lock.isLocked());
    }

    @Test
    void aLoopCallbackMayReleaseALockWhoseOwnerStillRuns() {
        List<String> log = new ArrayList<>();
        run(Script.of(s -> lock.acquire(), s -> {
            s.value();
            Weft.spawn(Script.of(x -> lock.acquire(), x -> {
                x.value();
                log.add("waiter acquired");
                lock.release();
                return null;
            }));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(1, lock.waiterCount());
            EventLoop.current().callSoon(() -> {
                lock.release();
                log.add("callback released");
            });
            return Weft.sleep(1);
        }, s -> {
            assertEquals(Arrays.asList("callback released", "waiter acquired"), log);
            // As in asyncio, the owner's own release now finds the lock free.
            IllegalStateException e = assertThrows(IllegalStateException.class, lock::release);
            assertEquals("Lock is not acquired.", e.getMessage());
            return null;
        }));
    }

    @Test
    void codeOutsideARunningLoopMayReleaseAHeldLock() {
        // asyncio: lock.release() between two run_until_complete calls.
        loop.runUntilComplete(awaiting(lock.acquire()));
        assertTrue(lock.isLocked());
        lock.release();
        assertFalse(lock.isLocked());
        assertEquals(null, lock.owner());
        // The released lock is free for the next run.
        run(Script.of(s -> lock.acquire(), s -> {
            assertSame(Weft.currentTask(), lock.owner());
            lock.release();
            return null;
        }));
    }

    @Test
    void aLoopCallbackCannotReleaseAFreeLock() {
        Throwable[] fromCallback = new Throwable[1];
        run(Script.of(s -> {
            EventLoop.current().callSoon(() -> {
                try {
                    lock.release();
                } catch (IllegalStateException e) {
                    fromCallback[0] = e;
                }
            });
            return Weft.yieldNow();
        }));
        assertEquals("Lock is not acquired.", fromCallback[0].getMessage());
    }

    @Test
    void ownerPassesToTheWokenWaiterWhenItRuns() {
        Task<?>[] t = new Task<?>[1];
        run(Script.of(s -> lock.acquire(), s -> {
            s.value();
            t[0] = Weft.spawn(Script.of(x -> lock.acquire(), x -> {
                x.value();
                assertSame(t[0], lock.owner());
                lock.release();
                return null;
            }));
            return Weft.yieldNow();
        }, s -> {
            lock.release();
            // Released and not yet claimed: asyncio's lock is unlocked until the waiter runs.
            assertFalse(lock.isLocked());
            assertEquals(null, lock.owner());
            return t[0];
        }, s -> {
            s.value();
            assertFalse(lock.isLocked());
            return null;
        }));
    }

    @Test
    void aTaskBlockedOnALockShowsInTheDeadlockReport() {
        Script<Void> main = Script.of(s -> lock.acquire(), s -> {
            s.value();
            return lock.acquire(); // not reentrant
        });
        DeadlockException e = assertThrows(DeadlockException.class, () -> run(main));
        assertTrue(e.getMessage().contains("Task-1 waits on acquire of Lock[locked by Task-1, waiters:1]"),
                e.getMessage());
    }

    @Test
    void toStringFollowsAsyncioRepr() {
        assertEquals("Lock[unlocked]", lock.toString());
        run(Script.of(s -> lock.acquire(), s -> {
            s.value();
            assertEquals("Lock[locked by Task-1]", lock.toString());
            lock.release();
            return null;
        }));
    }
}
