package dev.weft;

import static dev.weft.Aio.calling;
import static dev.weft.Aio.gather;
import static dev.weft.Aio.makeTasks;
import static dev.weft.Aio.tryCatch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * CPython's test_locks.py BarrierTests, ported. asyncio's {@code reset()} and {@code abort()}
 * are coroutines; Weft's are plain methods (see {@link Barrier}), called where the original
 * awaits them.
 */
class BarrierTest {
    private static final int N = 5;

    private final EventLoop loop = EventLoop.withVirtualTime();

    private void run(Script<?> main) {
        loop.runUntilComplete(main);
    }

    /** BarrierTests.gather_tasks: spawn n coroutines and gather their results. */
    private List<Object> gatherTasks(int n, Supplier<? extends CoroutineFrame<?>> coro) {
        Object[] res = new Object[1];
        run(Script.of(s -> gather(false, makeTasks(n, coro)), s -> {
            res[0] = s.value();
            return null;
        }));
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) res[0];
        return list;
    }

    private static List<Integer> range(int n) {
        List<Integer> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(i);
        }
        return l;
    }

    private static boolean isTrueN(List<Boolean> l, int n) {
        return l.size() == n && !l.contains(false);
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_barrier_parties")
    void barrierParties() {
        assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Barrier(-4));
        assertEquals("parties must be > 0", e.getMessage());
        assertEquals(N, new Barrier(N).parties());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_context_manager")
    void contextManager() {
        // async with barrier as i: is i = await(barrier).
        Barrier barrier = new Barrier(3);
        List<Integer> results = new ArrayList<>();
        gatherTasks(3, () -> Script.of(s -> barrier, s -> {
            results.add((Integer) s.value());
            return null;
        }));
        Collections.sort(results);
        assertEquals(range(3), results);
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_filling_one_task")
    void fillingOneTask() {
        Barrier barrier = new Barrier(1);
        Object[] ret = new Object[1];
        run(Script.of(s -> Script.of(x -> barrier, x -> {
            x.value();
            return x.done(true);
        }), s -> {
            ret[0] = s.value();
            return null;
        }));
        assertEquals(true, ret[0]);
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_filling_one_task_twice")
    void fillingOneTaskTwice() {
        Barrier barrier = new Barrier(1);
        Task<?>[] t = new Task<?>[2];
        run(Script.of(s -> {
            t[0] = Weft.spawn(Aio.awaiting(barrier));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(0, barrier.waiting());
            t[1] = Weft.spawn(Aio.awaiting(barrier));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(t[0].result(), t[1].result());
            assertEquals(t[0].isDone(), t[1].isDone());
            assertEquals(0, barrier.waiting());
            assertFalse(barrier.isBroken());
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_filling_task_by_task")
    void fillingTaskByTask() {
        Barrier barrier = new Barrier(3);
        Task<?>[] t = new Task<?>[3];
        run(Script.of(s -> {
            t[0] = Weft.spawn(Aio.awaiting(barrier));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(1, barrier.waiting());
            assertTrue(barrier.toString().contains("filling"));
            t[1] = Weft.spawn(Aio.awaiting(barrier));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(2, barrier.waiting());
            assertTrue(barrier.toString().contains("filling"));
            t[2] = Weft.spawn(Aio.awaiting(barrier));
            return Weft.yieldNow();
        }, s -> gather(t), s -> {
            s.value();
            assertEquals(0, barrier.waiting());
            assertFalse(barrier.isBroken());
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_filling_tasks_wait_twice")
    void fillingTasksWaitTwice() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results = new ArrayList<>();
        gatherTasks(N, () -> Script.of(s -> barrier, s -> {
            s.value();
            results.add(true);
            return barrier;
        }, s -> {
            s.value();
            results.add(false);
            return null;
        }));
        assertEquals(N * 2, results.size());
        assertEquals(N, Collections.frequency(results, true));
        assertEquals(N, Collections.frequency(results, false));
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_filling_tasks_check_return_value")
    void fillingTasksCheckReturnValue() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        List<Boolean> results2 = new ArrayList<>();
        List<Object> res = gatherTasks(N, () -> Script.of(s -> barrier, s -> {
            s.value();
            results1.add(true);
            return barrier;
        }, s -> {
            Object i = s.value();
            results2.add(true);
            return s.done(i);
        }));
        assertTrue(isTrueN(results1, N));
        assertTrue(isTrueN(results2, N));
        List<Object> sorted = new ArrayList<>(res);
        sorted.sort(null);
        assertEquals(new ArrayList<Object>(range(N)), sorted);
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_draining_state")
    void drainingState() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results = new ArrayList<>();
        gatherTasks(N, () -> Script.of(s -> barrier, s -> {
            s.value();
            // The barrier is back to filling when the last task leaves it.
            results.add(barrier.toString().contains("draining"));
            return null;
        }));
        assertEquals(N, results.size());
        assertEquals(false, results.get(N - 1));
        assertTrue(isTrueN(results.subList(0, N - 1), N - 1));
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_blocking_tasks_while_draining")
    void blockingTasksWhileDraining() {
        int rewait = 2;
        Barrier barrier = new Barrier(N);
        Barrier barrierNowaiting = new Barrier(N - rewait);
        int[] rewaitN = {rewait};
        int[] passedNowaiting = {0};
        // The run completes only if exactly N - rewait tasks pass barrierNowaiting.
        gatherTasks(N, () -> Script.of(s -> barrier, s -> {
            s.value(); // after waiting once for all tasks
            if (rewaitN[0] > 0) {
                rewaitN[0]--;
                s.goTo(3);
                return barrier; // wait again, only the rewait tasks
            }
            return barrierNowaiting; // wait for the end of the draining state
        }, s -> {
            s.value();
            passedNowaiting[0]++;
            return barrier; // wait for the other waiting tasks
        }, s -> {
            s.value();
            return null;
        }));
        assertEquals(N - rewait, passedNowaiting[0]);
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_filling_tasks_cancel_one")
    void fillingTasksCancelOne() {
        Barrier barrier = new Barrier(3);
        List<Boolean> results = new ArrayList<>();
        Supplier<Script<Void>> coro = () -> Script.of(s -> barrier, s -> {
            s.value();
            results.add(true);
            return null;
        });
        Task<?>[] t = new Task<?>[4];
        run(Script.of(s -> {
            t[0] = Weft.spawn(coro.get());
            return Weft.yieldNow();
        }, s -> {
            assertEquals(1, barrier.waiting());
            t[1] = Weft.spawn(coro.get());
            return Weft.yieldNow();
        }, s -> {
            assertEquals(2, barrier.waiting());
            t[0].cancel();
            return Weft.yieldNow();
        }, s -> {
            assertEquals(1, barrier.waiting());
            return t[0];
        }, s -> {
            assertTrue(s.failure() instanceof CancelledException);
            assertTrue(t[0].isCancelled());
            t[2] = Weft.spawn(coro.get());
            return Weft.yieldNow();
        }, s -> {
            assertEquals(2, barrier.waiting());
            t[3] = Weft.spawn(coro.get());
            return gather(t[1], t[2], t[3]);
        }, s -> {
            s.value();
            return null;
        }));
        assertTrue(isTrueN(results, 3));
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.isBroken());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_reset_barrier")
    void resetBarrier() {
        Barrier barrier = new Barrier(1);
        run(Script.of(s -> {
            Weft.spawn(calling(barrier::reset));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(0, barrier.waiting());
            assertFalse(barrier.isBroken());
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_reset_barrier_while_tasks_waiting")
    void resetBarrierWhileTasksWaiting() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results = new ArrayList<>();
        List<Task<?>> tasks = new ArrayList<>();
        run(Script.of(s -> {
            // N-1 tasks waiting on a barrier with N parties.
            tasks.addAll(makeTasks(N - 1, () -> Script.of(x -> barrier, x -> {
                if (x.failure() instanceof BrokenBarrierException) {
                    results.add(true);
                }
                return null;
            })));
            return Weft.yieldNow();
        }, s -> {
            // Reset the barrier.
            Weft.spawn(calling(barrier::reset));
            return gather(false, tasks);
        }, s -> {
            s.value();
            return null;
        }));
        assertTrue(isTrueN(results, N - 1));
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.toString().contains("resetting"));
        assertFalse(barrier.isBroken());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_reset_barrier_when_tasks_half_draining")
    void resetBarrierWhenTasksHalfDraining() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        int restOfTasks = N / 2;
        gatherTasks(N, () -> Script.of(s -> barrier, s -> {
            Throwable f = s.failure();
            if (f instanceof BrokenBarrierException) {
                results1.add(true); // the tasks still waiting
            } else if (f != null) {
                throw f;
            } else if (restOfTasks == barrier.count()) {
                barrier.reset(); // a drained task, outside the barrier
            }
            return null;
        }));
        assertEquals(Collections.nCopies(restOfTasks, true), results1);
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.toString().contains("resetting"));
        assertFalse(barrier.isBroken());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_reset_barrier_when_tasks_half_draining_half_blocking")
    void resetBarrierWhenTasksHalfDrainingHalfBlocking() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        List<Boolean> results2 = new ArrayList<>();
        int blockingTasks = N / 2;
        int[] count = {0};
        gatherTasks(N, () -> Script.of(s -> barrier, s -> {
            Throwable f = s.failure();
            if (f instanceof BrokenBarrierException) {
                results1.add(true); // still waiting tasks
                s.goTo(3);
                return barrier; // wait again to reach the parties
            } else if (f != null) {
                throw f;
            }
            count[0]++;
            if (count[0] > blockingTasks) {
                // Reset now: waiting tasks get BrokenBarrierException.
                barrier.reset();
                s.goTo(3);
                return barrier; // and wait again to reach the parties
            }
            return barrier;
        }, s -> {
            Throwable f = s.failure();
            if (f instanceof BrokenBarrierException) {
                results2.add(true); // never: blocked tasks go on waiting
            } else if (f != null) {
                throw f;
            }
            return null;
        }, s -> {
            s.value();
            return null;
        }));
        assertEquals(Collections.nCopies(blockingTasks, true), results1);
        assertEquals(Collections.emptyList(), results2);
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.toString().contains("resetting"));
        assertFalse(barrier.isBroken());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_reset_barrier_while_tasks_waiting_and_waiting_again")
    void resetBarrierWhileTasksWaitingAndWaitingAgain() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        List<Boolean> results2 = new ArrayList<>();
        run(Script.of(s -> {
            List<Task<?>> tasks = makeTasks(N - 1, () -> Script.of(x -> barrier, x -> {
                Throwable f = x.failure();
                if (f instanceof BrokenBarrierException) {
                    results1.add(true);
                } else if (f != null) {
                    throw f;
                }
                return barrier; // finally: wait again
            }, x -> {
                x.value();
                results2.add(true);
                return null;
            }));
            // Reset the barrier: the N-1 waiting tasks get BrokenBarrierException.
            Weft.spawn(calling(barrier::reset));
            s.goTo(1);
            return Script.of(x -> Weft.yieldNow(), x -> {
                // Complete the waiting tasks in their finally.
                Weft.spawn(Script.of(y -> barrier, y -> {
                    y.value();
                    results2.add(true);
                    return null;
                }));
                return gather(false, tasks);
            }, x -> x.done(x.value()));
        }, s -> {
            s.value();
            return null;
        }));
        assertFalse(barrier.isBroken());
        assertTrue(isTrueN(results1, N - 1));
        assertTrue(isTrueN(results2, N));
        assertEquals(0, barrier.waiting());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_reset_barrier_while_tasks_draining")
    void resetBarrierWhileTasksDraining() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        List<Boolean> results2 = new ArrayList<>();
        List<Boolean> results3 = new ArrayList<>();
        int[] count = {0};
        gatherTasks(N, () -> Script.of(s -> barrier, s -> {
            s.value();
            count[0]++;
            if (count[0] == N) {
                // The last task out of the barrier resets it, then waits to reach the parties.
                barrier.reset();
                s.goTo(3);
                return barrier;
            }
            return barrier; // the second wait
        }, s -> {
            if (s.failure() != null) {
                results2.add(true); // never
            } else {
                results1.add(true); // N-1 tasks
            }
            return null;
        }, s -> {
            // Pass the barrier again: the last wait must complete.
            s.value();
            return barrier;
        }, s -> {
            s.value();
            results3.add(true);
            return null;
        }));
        assertFalse(barrier.isBroken());
        assertTrue(isTrueN(results1, N - 1));
        assertEquals(0, results2.size());
        assertTrue(isTrueN(results3, N));
        assertEquals(0, barrier.waiting());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_abort_barrier")
    void abortBarrier() {
        Barrier barrier = new Barrier(1);
        run(Script.of(s -> {
            Weft.spawn(calling(barrier::abort));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(0, barrier.waiting());
            assertTrue(barrier.isBroken());
            return null;
        }));
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_abort_barrier_when_tasks_half_draining_half_blocking")
    void abortBarrierWhenTasksHalfDrainingHalfBlocking() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        List<Boolean> results2 = new ArrayList<>();
        int blockingTasks = N / 2;
        int[] count = {0};
        gatherTasks(N, () -> Script.of(s -> barrier, s -> {
            Throwable f = s.failure();
            if (f instanceof BrokenBarrierException) {
                results1.add(true); // tasks waiting to drain
                return s.done(null);
            } else if (f != null) {
                throw f;
            }
            count[0]++;
            if (count[0] > blockingTasks) {
                // Abort now: every task gets BrokenBarrierException.
                barrier.abort();
                return s.done(null);
            }
            return barrier;
        }, s -> {
            Throwable f = s.failure();
            if (f instanceof BrokenBarrierException) {
                results2.add(true); // blocked tasks, already drained
            } else if (f != null) {
                throw f;
            }
            return null;
        }));
        assertTrue(barrier.isBroken());
        assertEquals(Collections.nCopies(blockingTasks, true), results1);
        assertEquals(Collections.nCopies(N - blockingTasks - 1, true), results2);
        assertEquals(0, barrier.waiting());
        assertFalse(barrier.toString().contains("resetting"));
    }

    /** The RuntimeError the original raises inside the barrier. */
    private static final class Boom extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_abort_barrier_when_exception")
    void abortBarrierWhenException() {
        Barrier barrier = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        List<Boolean> results2 = new ArrayList<>();
        gatherTasks(N, () -> tryCatch(Script.of(s -> barrier, s -> {
            int i = (Integer) s.value();
            if (i == N / 2) {
                throw new Boom();
            }
            return barrier;
        }, s -> {
            s.value();
            results1.add(true);
            return null;
        }), f -> {
            if (f instanceof BrokenBarrierException) {
                results2.add(true);
            } else if (f instanceof Boom) {
                barrier.abort();
            } else {
                throw f;
            }
        }));
        assertTrue(barrier.isBroken());
        assertEquals(0, results1.size());
        assertTrue(isTrueN(results2, N - 1));
        assertEquals(0, barrier.waiting());
    }

    @Test
    @DisplayName("test_locks.py: BarrierTests.test_abort_barrier_when_exception_then_resetting")
    void abortBarrierWhenExceptionThenResetting() {
        Barrier barrier1 = new Barrier(N);
        Barrier barrier2 = new Barrier(N);
        List<Boolean> results1 = new ArrayList<>();
        List<Boolean> results2 = new ArrayList<>();
        List<Boolean> results3 = new ArrayList<>();
        gatherTasks(N, () -> {
            Script<Void> first = tryCatch(Script.of(s -> barrier1, s -> {
                int i = (Integer) s.value();
                if (i == N / 2) {
                    throw new Boom();
                }
                return barrier1;
            }, s -> {
                s.value();
                results1.add(true);
                return null;
            }), f -> {
                if (f instanceof BrokenBarrierException) {
                    results2.add(true);
                } else if (f instanceof Boom) {
                    barrier1.abort();
                } else {
                    throw f;
                }
            });
            // barrier2 brackets the reset of barrier1: every task has left barrier1 before it,
            // and none enters barrier1 again until it is done.
            return Script.of(s -> first, s -> {
                s.value();
                return barrier2;
            }, s -> {
                int i = (Integer) s.value();
                if (i == N / 2) {
                    barrier1.reset();
                }
                return barrier2;
            }, s -> {
                s.value();
                return barrier1;
            }, s -> {
                s.value();
                results3.add(true);
                return null;
            });
        });
        assertFalse(barrier1.isBroken());
        assertEquals(0, results1.size());
        assertTrue(isTrueN(results2, N - 1));
        assertTrue(isTrueN(results3, N));
        assertEquals(0, barrier1.waiting());
    }

    // ------------------------------------------------------------------ Weft specifics

    @Test
    void arrivalIndicesAreUniqueAndTheLastArrivalReleasesTheOthersInOrder() {
        Barrier barrier = new Barrier(3);
        List<String> log = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            String name = "t" + k;
            loop.spawn(Script.of(s -> barrier, s -> {
                log.add(name + ":" + s.value());
                return null;
            }));
        }
        run(Script.of(s -> Weft.sleep(1)));
        // The last one in leaves first, then the released ones in the order they arrived.
        assertEquals(java.util.Arrays.asList("t2:2", "t0:0", "t1:1"), log);
    }

    @Test
    void awaitingAnAbortedBarrierThrowsBrokenBarrierAndLeavesItBroken() {
        Barrier barrier = new Barrier(1); // one party: an intact barrier would pass at once
        barrier.abort();
        List<String> log = new ArrayList<>();
        run(Script.of(s -> barrier, s -> {
            log.add(String.valueOf(s.failure()));
            return barrier;
        }, s -> {
            log.add(String.valueOf(s.failure()));
            return null;
        }));
        assertEquals(Collections.nCopies(2, "dev.weft.BrokenBarrierException: Barrier aborted"), log);
        assertTrue(barrier.isBroken());
        assertEquals(0, barrier.count());
        // The failed awaits let go of the barrier's lock: once reset, it passes again.
        barrier.reset();
        run(Script.of(s -> barrier, s -> {
            log.add("passed as " + s.value());
            return null;
        }));
        assertEquals("passed as 0", log.get(2));
    }

    @Test
    void toStringFollowsAsyncioRepr() {
        Barrier barrier = new Barrier(2);
        assertEquals("Barrier[filling, waiters:0/2]", barrier.toString());
        barrier.abort();
        assertEquals("Barrier[broken]", barrier.toString());
        barrier.reset();
        assertEquals("Barrier[filling, waiters:0/2]", barrier.toString());
    }
}
