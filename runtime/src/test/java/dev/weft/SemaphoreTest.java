package dev.weft;

import static dev.weft.Aio.awaiting;
import static dev.weft.Aio.gather;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** CPython's test_locks.py SemaphoreTests, ported, and tests of the Permit token. */
class SemaphoreTest {
    private final EventLoop loop = EventLoop.withVirtualTime();

    private void run(Script<?> main) {
        loop.runUntilComplete(main);
    }

    /** await sem.acquire(); result.append(n); return True. */
    private static Script<Boolean> c(Semaphore sem, int n, List<Object> result) {
        return Script.of(s -> sem.acquire(), s -> {
            s.value();
            result.add(n);
            return s.done(true);
        });
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_initial_value_zero")
    void initialValueZero() {
        assertTrue(new Semaphore(0).isLocked());
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_semaphore_value")
    void semaphoreValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertEquals("Semaphore initial value must be >= 0", e.getMessage());
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_acquire")
    void acquire() {
        Semaphore sem = new Semaphore(3);
        List<Object> result = new ArrayList<>();
        List<Task<?>> t = new ArrayList<>();
        run(Script.of(s -> sem.acquire(), s -> {
            assertSame(sem, ((Semaphore.Permit) s.value()).semaphore());
            return sem.acquire();
        }, s -> {
            s.value();
            assertFalse(sem.isLocked());
            for (int i = 1; i <= 3; i++) {
                t.add(Weft.spawn(c(sem, i, result)));
            }
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList(1), result);
            assertTrue(sem.isLocked());
            assertEquals(2, sem.waiterCount());
            assertEquals(0, sem.value());
            t.add(Weft.spawn(c(sem, 4, result)));
            sem.release();
            sem.release();
            assertEquals(0, sem.value());
            return Weft.yieldNow();
        }, s -> {
            assertEquals(0, sem.value());
            assertEquals(3, result.size());
            assertTrue(sem.isLocked());
            assertEquals(1, sem.waiterCount());
            assertEquals(0, sem.value());
            assertTrue(t.get(0).isDone());
            assertEquals(true, t.get(0).result());
            int done = 0;
            for (Task<?> task : t.subList(1, 4)) {
                if (task.isDone() && (Boolean) task.result()) {
                    done++;
                }
            }
            assertEquals(2, done);
            // Let the last waiter through.
            sem.release();
            return gather(false, t.subList(1, 4));
        }));
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_acquire_cancel")
    void acquireCancel() {
        Semaphore sem = new Semaphore(1);
        run(Script.of(s -> sem.acquire(), s -> {
            s.value();
            Task<?> acquire = Weft.spawn(awaiting(sem.acquire()));
            EventLoop.current().callSoon(() -> acquire.cancel());
            return acquire;
        }, s -> {
            assertTrue(s.failure() instanceof CancelledException);
            // asyncio: no waiters, or all of them done.
            assertEquals(0, sem.waiterCount());
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_acquire_cancel_before_awoken")
    void acquireCancelBeforeAwoken() {
        Semaphore sem = new Semaphore(0);
        Task<?>[] t = new Task<?>[4];
        run(Script.of(s -> {
            for (int i = 0; i < 4; i++) {
                t[i] = Weft.spawn(awaiting(sem.acquire()));
            }
            return Weft.yieldNow();
        }, s -> {
            t[0].cancel();
            t[1].cancel();
            sem.release();
            return Weft.yieldNow();
        }, s -> Weft.yieldNow(), s -> {
            int numDone = (t[2].isDone() ? 1 : 0) + (t[3].isDone() ? 1 : 0);
            assertEquals(1, numDone);
            assertTrue(t[2].isDone());
            assertFalse(t[3].isDone());
            t[2].cancel();
            t[3].cancel();
            return Weft.yieldNow();
        }));
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_acquire_hang")
    void acquireHang() {
        Semaphore sem = new Semaphore(0);
        Task<?>[] t = new Task<?>[2];
        run(Script.of(s -> {
            t[0] = Weft.spawn(awaiting(sem.acquire()));
            t[1] = Weft.spawn(awaiting(sem.acquire()));
            return Weft.yieldNow();
        }, s -> {
            t[0].cancel();
            sem.release();
            return Weft.yieldNow();
        }, s -> Weft.yieldNow(), s -> {
            assertTrue(sem.isLocked());
            assertTrue(t[1].isDone());
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_acquire_no_hang")
    void acquireNoHang() {
        Semaphore sem = new Semaphore(1);
        Task<?>[] t = new Task<?>[2];
        List<Object> r = new ArrayList<>();
        run(Script.of(s -> {
            // c1: async with sem: await sleep(0); then t2.cancel()
            t[0] = Weft.spawn(Script.of(x -> sem.acquire(), x -> {
                x.value();
                return Weft.yieldNow();
            }, x -> {
                Throwable f = x.failure();
                sem.release();
                if (f != null) {
                    throw f;
                }
                t[1].cancel();
                return null;
            }));
            // c2: async with sem: fail
            t[1] = Weft.spawn(Script.of(x -> sem.acquire(), x -> {
                x.value();
                try {
                    fail("c2 must not get the semaphore");
                } finally {
                    sem.release();
                }
                return null;
            }));
            return gather(true, Arrays.asList(t));
        }, s -> {
            r.addAll((List<?>) s.value());
            // asyncio: wait_for(sem.acquire(), timeout=1.0); on virtual time a hang would be
            // reported as a deadlock.
            return sem.acquire();
        }, s -> {
            s.value();
            return null;
        }));
        assertNull(r.get(0));
        assertTrue(r.get(1) instanceof CancelledException, String.valueOf(r.get(1)));
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_release_not_acquired")
    void releaseNotAcquired() {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        IllegalStateException e = assertThrows(IllegalStateException.class, sem::release);
        assertEquals("BoundedSemaphore released too many times", e.getMessage());
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_release_no_waiters")
    void releaseNoWaiters() {
        Semaphore sem = new Semaphore(1);
        run(Script.of(s -> sem.acquire(), s -> {
            s.value();
            assertTrue(sem.isLocked());
            sem.release();
            assertFalse(sem.isLocked());
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_acquire_fifo_order")
    void acquireFifoOrder() {
        Semaphore sem = new Semaphore(1);
        List<String> result = new ArrayList<>();
        List<Task<?>> tasks = new ArrayList<>();
        run(Script.of(s -> {
            for (String tag : new String[] {"c1", "c2", "c3"}) {
                tasks.add(Weft.spawn(Script.of(x -> sem.acquire(), x -> {
                    x.value();
                    result.add(tag + "_1");
                    return Weft.sleep(10);
                }, x -> {
                    sem.release();
                    return sem.acquire();
                }, x -> {
                    x.value();
                    result.add(tag + "_2");
                    return Weft.sleep(10);
                }, x -> {
                    sem.release();
                    return null;
                })));
            }
            return gather(false, tasks); // the TaskGroup's exit
        }, s -> {
            s.value();
            return null;
        }));
        assertEquals(Arrays.asList("c1_1", "c2_1", "c3_1", "c1_2", "c2_2", "c3_2"), result);
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_acquire_fifo_order_2")
    void acquireFifoOrder2() {
        Semaphore sem = new Semaphore(1);
        List<Object> result = new ArrayList<>();
        Task<?>[] t = new Task<?>[3];
        run(Script.of(s -> {
            t[0] = Weft.spawn(c(sem, 1, result));
            t[1] = Weft.spawn(Script.of(x -> sem.acquire(), x -> {
                x.value();
                result.add(2);
                sem.release();
                return sem.acquire();
            }, x -> {
                x.value();
                result.add(4);
                return x.done(true);
            }));
            t[2] = Weft.spawn(c(sem, 3, result));
            return Weft.yieldNow();
        }, s -> {
            sem.release();
            sem.release();
            return gather(t);
        }, s -> {
            s.value();
            return null;
        }));
        assertEquals(Arrays.asList(1, 2, 3, 4), result);
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_acquire_fifo_order_3")
    void acquireFifoOrder3() {
        Semaphore sem = new Semaphore(0);
        List<Object> result = new ArrayList<>();
        Task<?>[] t = new Task<?>[3];
        run(Script.of(s -> {
            for (int i = 0; i < 3; i++) {
                t[i] = Weft.spawn(c(sem, i + 1, result));
            }
            return Weft.yieldNow();
        }, s -> {
            t[0].cancel();
            return Weft.yieldNow();
        }, s -> {
            sem.release();
            sem.release();
            return gather(true, Arrays.asList(t));
        }, s -> {
            s.value();
            return null;
        }));
        assertEquals(Arrays.asList(2, 3), result);
    }

    @Test
    @DisplayName("test_locks.py: SemaphoreTests.test_acquire_fifo_order_4")
    void acquireFifoOrder4() {
        // A task that gets its permit wakes the tasks that FIFO order made queue behind it.
        Semaphore sem = new Semaphore(0);
        List<Object> result = new ArrayList<>();
        Task<?>[] t = new Task<?>[4];
        Script<Boolean> c4 = Script.of(x -> {
            result.add(4);
            return x.done(true);
        });
        run(Script.of(s -> {
            // c1 has to wait; c2 will wake it.
            t[0] = Weft.spawn(Script.of(x -> {
                assertEquals(0, sem.value());
                return sem.acquire();
            }, x -> {
                x.value();
                // By now c2 and c3 have been handed the two free permits.
                assertEquals(0, sem.value());
                // Spawned now, c4 is scheduled after c2 and c3, which were woken above.
                t[3] = Weft.spawn(c4);
                result.add(1);
                return x.done(true);
            }));
            // c2 releases one permit for each of c1, c2 and c3.
            t[1] = Weft.spawn(Script.of(x -> {
                sem.release();
                sem.release();
                sem.release();
                assertEquals(2, sem.value());
                // Two permits are free, but woken c1 still heads the queue.
                assertTrue(sem.isLocked());
                return sem.acquire();
            }, x -> {
                x.value();
                result.add(2);
                return x.done(true);
            }));
            t[2] = Weft.spawn(Script.of(x -> sem.acquire(), x -> {
                x.value();
                assertTrue(sem.isLocked());
                result.add(3);
                return x.done(true);
            }));
            return Weft.yieldNow();
        }, s -> {
            // c1 (woken, not yet run), c2 and c3 are queued.
            assertEquals(2, sem.value());
            assertEquals(3, sem.waiterCount());
            return Weft.yieldNow();
        }, s -> gather(t), s -> {
            s.value();
            return null;
        }));
        assertEquals(Arrays.asList(1, 2, 3, 4), result);
    }

    // ------------------------------------------------------------------ Weft specifics

    @Test
    void permitTokenReleasesInTryWithResources() {
        Semaphore sem = new Semaphore(2);
        assertSame(sem.acquire(), sem.acquire());
        run(Script.of(s -> sem.acquire(), s -> {
            try (Semaphore.Permit p = (Semaphore.Permit) s.value()) {
                assertEquals(1, sem.value());
            }
            assertEquals(2, sem.value());
            return null;
        }));
    }

    @Test
    void boundedSemaphoreAllowsReleasesUpToItsBound() {
        BoundedSemaphore sem = new BoundedSemaphore(2);
        run(Script.of(s -> sem.acquire(), s -> {
            s.value();
            return sem.acquire();
        }, s -> {
            s.value();
            assertTrue(sem.isLocked());
            sem.release();
            sem.release();
            assertEquals(2, sem.value());
            assertThrows(IllegalStateException.class, sem::release);
            assertEquals(2, sem.value());
            return null;
        }));
        assertThrows(IllegalArgumentException.class, () -> new BoundedSemaphore(-1));
    }

    @Test
    void aWokenTaskCancelledBeforeItRunsGivesItsPermitToTheNext() {
        Semaphore sem = new Semaphore(0);
        Task<?>[] t = new Task<?>[2];
        run(Script.of(s -> {
            t[0] = Weft.spawn(awaiting(sem.acquire()));
            t[1] = Weft.spawn(awaiting(sem.acquire()));
            return Weft.yieldNow();
        }, s -> {
            sem.release();         // wakes t0 with the permit
            assertEquals(0, sem.value());
            t[0].cancel();         // cancelled after the wake-up: the permit comes back
            return t[1];
        }, s -> {
            s.value();
            assertTrue(t[0].isCancelled());
            assertEquals(0, sem.value());
            return null;
        }));
    }

    @Test
    void toStringFollowsAsyncioRepr() {
        Semaphore sem = new Semaphore(1);
        assertEquals("Semaphore[unlocked, value:1]", sem.toString());
        run(Script.of(s -> sem.acquire(), s -> {
            s.value();
            assertEquals("Semaphore[locked]", sem.toString());
            return null;
        }));
        assertEquals("BoundedSemaphore[unlocked, value:3]", new BoundedSemaphore(3).toString());
    }
}
