package dev.weft;

import static dev.weft.AsyncQueueTest.awaiting;
import static dev.weft.AsyncQueueTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Weft's own tests of the queues: what the CPython port does not cover. */
class AsyncQueueBehaviourTest {
    private final List<String> log = new ArrayList<>();
    private Task<Object> t1;
    private Task<Object> t2;
    private Task<Object> t3;

    // ------------------------------------------------------------------ exceptions

    @Test
    void putNowaitOnAFullQueueThrowsQueueFullAndChangesNothing() {
        AsyncQueue<String> q = new AsyncQueue<>(2);
        q.putNowait("a");
        q.putNowait("b");
        QueueFullException e = assertThrows(QueueFullException.class, () -> q.putNowait("c"));
        assertEquals("AsyncQueue[maxsize=2, size=2, tasks=2] is full", e.getMessage());
        assertEquals(2, q.size());
        assertEquals(2, q.unfinishedTasks());
        assertEquals("a", q.getNowait());
        assertEquals("b", q.getNowait());
    }

    @Test
    void getNowaitOnAnEmptyQueueThrowsQueueEmptyThenQueueShutDownOnceShutDown() {
        AsyncQueue<String> q = new AsyncQueue<>();
        QueueEmptyException e = assertThrows(QueueEmptyException.class, q::getNowait);
        assertEquals("AsyncQueue[maxsize=0, size=0] is empty", e.getMessage());
        q.putNowait("left");
        q.shutdown();
        assertTrue(q.isShutDown());
        assertEquals("left", q.getNowait()); // the items left are still handed out
        QueueShutDownException s = assertThrows(QueueShutDownException.class, q::getNowait);
        assertEquals("AsyncQueue[maxsize=0, size=0, tasks=1, shutdown] is shut down", s.getMessage());
    }

    @Test
    void taskDoneTooManyTimesSaysSo() {
        AsyncQueue<String> q = new AsyncQueue<>();
        q.putNowait("x");
        q.taskDone();
        IllegalStateException e = assertThrows(IllegalStateException.class, q::taskDone);
        assertEquals("taskDone() called too many times", e.getMessage());
    }

    @Test
    void maxSizeOfZeroOrLessIsUnbounded() {
        for (int maxSize : new int[] {0, -1, Integer.MIN_VALUE}) {
            AsyncQueue<Integer> q = new AsyncQueue<>(maxSize);
            assertEquals(maxSize, q.maxSize());
            for (int i = 0; i < 1000; i++) {
                q.putNowait(i);
                assertFalse(q.isFull());
            }
            assertEquals(1000, q.size());
        }
        assertEquals(0, new AsyncQueue<>().maxSize());
    }

    // ------------------------------------------------------------------ null items

    @Test
    void nullIsAnItemLikeAnyOther() {
        AsyncQueue<String> q = new AsyncQueue<>(2);
        q.putNowait(null);
        assertFalse(q.isEmpty());
        assertEquals(1, q.size());
        assertNull(q.getNowait());
        assertTrue(q.isEmpty());
        assertThrows(QueueEmptyException.class, q::getNowait);

        List<Object> got = new ArrayList<>();
        run(Script.of(s -> {
            t1 = Weft.spawn(awaiting(q.get())); // waits: the queue is empty
            return Weft.yieldNow();
        }, s -> q.put(null), s -> t1, s -> {
            got.add(s.value()); // a woken getter takes the null item
            return q.put(null);
        }, s -> q.put("x"), s -> {
            assertTrue(q.isFull());
            return q.get(); // the fast path returns the null item
        }, s -> {
            got.add(s.value());
            return q.get();
        }, s -> {
            got.add(s.value());
            return null;
        }));
        assertEquals(Arrays.asList(null, null, "x"), got);
    }

    @Test
    void nullInLifoQueue() {
        LifoAsyncQueue<String> q = new LifoAsyncQueue<>();
        q.putNowait("a");
        q.putNowait(null);
        assertNull(q.getNowait());
        assertEquals("a", q.getNowait());
        assertTrue(q.isEmpty());
    }

    @Test
    void priorityQueueInNaturalOrderRefusesNullAndNonComparables() {
        PriorityAsyncQueue<Object> q = new PriorityAsyncQueue<>();
        assertThrows(NullPointerException.class, () -> q.putNowait(null));
        assertThrows(ClassCastException.class, () -> q.putNowait(new Object()));
        assertEquals(0, q.size());
        assertEquals(0, q.unfinishedTasks());
        assertThrows(IllegalStateException.class, q::taskDone);
    }

    @Test
    void priorityQueueHoldsNullWhenItsComparatorOrdersIt() {
        PriorityAsyncQueue<Integer> q = new PriorityAsyncQueue<>(Comparator.nullsFirst(Comparator.<Integer>naturalOrder()));
        q.putNowait(3);
        q.putNowait(null);
        q.putNowait(1);
        assertNull(q.getNowait());
        assertEquals(1, q.getNowait());
        assertEquals(3, q.getNowait());
    }

    // ------------------------------------------------------------------ order of items

    @Test
    void priorityQueueUsesTheComparatorAndReturnsTiesInPutOrder() {
        // Order by the first letter only, largest first: ties come out first in, first out.
        PriorityAsyncQueue<String> q = new PriorityAsyncQueue<>(
                Comparator.comparing((String s) -> s.charAt(0)).reversed());
        assertTrue(q.comparator() != null);
        for (String s : new String[] {"b1", "a1", "c1", "b2", "a2", "c2", "b3", "c3", "a3"}) {
            q.putNowait(s);
        }
        List<String> out = new ArrayList<>();
        while (!q.isEmpty()) {
            out.add(q.getNowait());
        }
        assertEquals(Arrays.asList("c1", "c2", "c3", "b1", "b2", "b3", "a1", "a2", "a3"), out);
        assertNull(new PriorityAsyncQueue<String>().comparator());
    }

    @Test
    void priorityQueueMatchesAStableSortUnderRandomPutsAndGets() {
        Random random = new Random(1234);
        PriorityAsyncQueue<int[]> q = new PriorityAsyncQueue<>(Comparator.comparingInt((int[] e) -> e[0]));
        // The model: entries keyed by (priority, put number).
        TreeMap<Long, int[]> model = new TreeMap<>();
        int puts = 0;
        for (int step = 0; step < 20_000; step++) {
            if (model.isEmpty() || random.nextInt(100) < 55) {
                int[] entry = {random.nextInt(20), puts};
                q.putNowait(entry);
                model.put(((long) entry[0] << 32) | puts, entry);
                puts++;
            } else {
                assertSame(model.pollFirstEntry().getValue(), q.getNowait());
            }
            assertEquals(model.size(), q.size());
        }
        while (!model.isEmpty()) {
            assertSame(model.pollFirstEntry().getValue(), q.getNowait());
        }
        assertTrue(q.isEmpty());
    }

    @Test
    void fifoAndLifoMatchADequeUnderRandomPutsAndGets() {
        Random random = new Random(99);
        AsyncQueue<Integer> fifo = new AsyncQueue<>();
        LifoAsyncQueue<Integer> lifo = new LifoAsyncQueue<>();
        ArrayDeque<Integer> fifoModel = new ArrayDeque<>();
        ArrayDeque<Integer> lifoModel = new ArrayDeque<>();
        for (int step = 0; step < 20_000; step++) {
            // Phases of growth and shrinkage, so that the ring wraps around and grows while wrapped.
            boolean put = fifoModel.isEmpty() || random.nextInt(100) < ((step / 1000) % 2 == 0 ? 60 : 40);
            if (put) {
                fifo.putNowait(step);
                fifoModel.addLast(step);
                lifo.putNowait(step);
                lifoModel.addLast(step);
            } else {
                assertEquals(fifoModel.pollFirst(), fifo.getNowait());
                assertEquals(lifoModel.pollLast(), lifo.getNowait());
            }
            assertEquals(fifoModel.size(), fifo.size());
            assertEquals(lifoModel.size(), lifo.size());
        }
    }

    @Test
    void aComparatorThatThrowsLeavesThePriorityQueueAsItWas() {
        Comparator<String> picky = (a, b) -> {
            if (a.equals("bad") || b.equals("bad")) {
                throw new IllegalArgumentException("cannot order bad");
            }
            return a.compareTo(b);
        };
        PriorityAsyncQueue<String> q = new PriorityAsyncQueue<>(picky);
        for (String s : new String[] {"e", "b", "g", "a", "d", "f", "c"}) {
            q.putNowait(s);
        }
        assertThrows(IllegalArgumentException.class, () -> q.putNowait("bad"));
        assertEquals(7, q.size());
        assertEquals(7, q.unfinishedTasks());
        StringBuilder out = new StringBuilder();
        while (!q.isEmpty()) {
            out.append(q.getNowait());
        }
        assertEquals("abcdefg", out.toString());
    }

    @Test
    void aComparatorThatThrowsWhileAnItemIsTakenLeavesThePriorityQueueAsItWas() {
        boolean[] broken = {false};
        Comparator<Integer> flaky = (a, b) -> {
            if (broken[0]) {
                throw new IllegalStateException("comparator broken");
            }
            return Integer.compare(a, b);
        };
        PriorityAsyncQueue<Integer> q = new PriorityAsyncQueue<>(flaky);
        for (int i : new int[] {5, 3, 8, 1, 9, 2, 7, 4, 6}) {
            q.putNowait(i);
        }
        broken[0] = true;
        assertThrows(IllegalStateException.class, q::getNowait);
        assertEquals(9, q.size());
        broken[0] = false;
        List<Integer> out = new ArrayList<>();
        while (!q.isEmpty()) {
            out.add(q.getNowait());
        }
        assertEquals(Arrays.asList(1, 2, 3, 4, 5, 6, 7, 8, 9), out);
    }

    // ------------------------------------------------------------------ waking

    @Test
    void waitingGettersAreServedInTheOrderTheyStartedWaiting() {
        AsyncQueue<String> q = new AsyncQueue<>();
        run(Script.of(s -> {
            t1 = Weft.spawn(awaiting(q.get()));
            t2 = Weft.spawn(awaiting(q.get()));
            t3 = Weft.spawn(awaiting(q.get()));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(3, q.getterCount());
            q.putNowait("a");
            q.putNowait("b");
            q.putNowait("c");
            return t3;
        }, s -> {
            assertEquals("a", t1.result());
            assertEquals("b", t2.result());
            assertEquals("c", t3.result());
            return null;
        }));
    }

    @Test
    void waitingPuttersAreServedInTheOrderTheyStartedWaiting() {
        AsyncQueue<String> q = new AsyncQueue<>(1);
        q.putNowait("first");
        List<Object> got = new ArrayList<>();
        run(Script.of(s -> {
            Weft.spawn(awaiting(q.put("x")));
            Weft.spawn(awaiting(q.put("y")));
            Weft.spawn(awaiting(q.put("z")));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(3, q.putterCount());
            return AsyncQueueTest.getMany(q, 4);
        }, s -> {
            got.addAll((List<?>) s.value());
            return null;
        }));
        assertEquals(Arrays.asList("first", "x", "y", "z"), got);
    }

    @Test
    void aGetterCancelledWhileWaitingIsSkippedByTheNextPut() {
        AsyncQueue<String> q = new AsyncQueue<>();
        run(Script.of(s -> {
            t1 = Weft.spawn(awaiting(q.get()));
            t2 = Weft.spawn(awaiting(q.get()));
            return Weft.yieldNow();
        }, s -> {
            t1.cancel();
            q.putNowait("a"); // t1 is still in line, but cancelled: t2 is woken instead
            return t2;
        }, s -> {
            assertEquals("a", s.value());
            assertTrue(t1.isCancelled());
            assertEquals(0, q.getterCount());
            return null;
        }));
    }

    @Test
    void aGetterCancelledWhileWaitingWakesNobodyWhenItRuns() {
        // Checked against CPython 3.13: the cancelled getter was skipped by the put, so when it
        // runs it must not wake a second getter (that one would lose its place in line).
        AsyncQueue<String> q = new AsyncQueue<>();
        List<Task<Object>> getters = new ArrayList<>();
        run(Script.of(s -> {
            for (int i = 0; i < 4; i++) {
                getters.add(Weft.spawn(awaiting(q.get())));
            }
            return Weft.yieldNow();
        }, s -> {
            getters.get(0).cancel();
            q.putNowait("a");
            return Weft.yieldNow();
        }, s -> {
            assertTrue(getters.get(0).isCancelled());
            assertEquals("a", getters.get(1).result());
            assertEquals(2, q.getterCount());
            assertFalse(getters.get(2).isDone());
            q.putNowait("b");
            return Weft.yieldNow();
        }, s -> {
            assertEquals("b", getters.get(2).result());
            assertFalse(getters.get(3).isDone());
            assertEquals(1, q.getterCount());
            getters.get(3).cancel();
            return getters.get(3);
        }, s -> {
            assertThrows(CancelledException.class, s::value);
            return null;
        }));
    }

    @Test
    void aPutterCancelledAfterItWasWokenHandsTheSlotToTheNextPutter() {
        AsyncQueue<Integer> q = new AsyncQueue<>(1);
        q.putNowait(0);
        run(Script.of(s -> {
            t1 = Weft.spawn(awaiting(q.put(1)));
            t2 = Weft.spawn(awaiting(q.put(2)));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(0, q.getNowait()); // wakes t1
            t1.cancel();
            return Weft.yieldNow();
        }, s -> {
            // As in asyncio: t1 ran, was cancelled, and woke t2, which has not run yet.
            assertTrue(t1.isCancelled());
            assertFalse(t2.isDone());
            return t2;
        }, s -> {
            s.value();
            assertEquals(1, q.size());
            assertEquals(2, q.getNowait());
            return null;
        }));
    }

    @Test
    void aWokenGetterWhoseItemWasTakenWaitsAgainAtTheBackOfTheLine() {
        // As in asyncio (checked against CPython 3.13): the wake-up is not a reservation.
        AsyncQueue<String> q = new AsyncQueue<>();
        run(Script.of(s -> {
            t1 = Weft.spawn(awaiting(q.get()));
            t2 = Weft.spawn(awaiting(q.get()));
            return Weft.yieldNow();
        }, s -> {
            q.putNowait("a"); // wakes t1 ...
            assertEquals("a", q.getNowait()); // ... but the item is taken before t1 runs
            q.putNowait("b"); // wakes t2
            return Weft.yieldNow();
        }, s -> {
            assertEquals("b", t1.result()); // t1 ran first and found "b"
            assertFalse(t2.isDone()); // t2 found the queue empty and waits again
            assertEquals(1, q.getterCount());
            q.putNowait("c");
            return t2;
        }, s -> {
            assertEquals("c", s.value());
            return null;
        }));
    }

    @Test
    void awaitingGetPutOrJoinThatCanCompleteDoesNotGoThroughTheLoop() {
        AsyncQueue<String> q = new AsyncQueue<>(1);
        run(Script.of(s -> {
            Weft.spawn(Script.of(x -> {
                log.add("other task ran");
                return null;
            }));
            return q.put("a");
        }, s -> q.get(), s -> {
            assertEquals("a", s.value());
            q.taskDone();
            return q.join();
        }, s -> {
            log.add("main went through put, get and join");
            return Weft.yieldNow();
        }));
        assertEquals(Arrays.asList("main went through put, get and join", "other task ran"), log);
    }

    @Test
    void getAndJoinReturnOneOperationPerQueue() {
        AsyncQueue<String> q = new AsyncQueue<>();
        assertSame(q.get(), q.get());
        assertSame(q.join(), q.join());
        assertFalse(q.put("a") == q.put("a"));
        assertEquals("AsyncQueue[maxsize=0, size=0].get()", q.get().toString());
        assertEquals("AsyncQueue[maxsize=0, size=0].join()", q.join().toString());
        assertEquals("AsyncQueue[maxsize=0, size=0].put()", q.put("a").toString());
    }

    @Test
    void aPutOperationPutsItsItemEachTimeItIsAwaited() {
        AsyncQueue<String> q = new AsyncQueue<>();
        Awaitable<Void> put = q.put("x");
        assertEquals(0, q.size()); // nothing happens until it is awaited
        run(Script.of(s -> put, s -> put));
        assertEquals(2, q.size());
    }

    // ------------------------------------------------------------------ shutdown and join

    @Test
    void shutdownLetsAGetterWokenForAnItemTakeItUnlessImmediate() {
        // Checked against CPython 3.13: put_nowait('x') then shutdown(immediate) before the
        // woken getter runs.
        for (boolean immediate : new boolean[] {false, true}) {
            AsyncQueue<String> q = new AsyncQueue<>();
            Object outcome = run(Script.of(s -> {
                t1 = Weft.spawn(awaiting(q.get()));
                return Weft.yieldNow();
            }, s -> {
                q.putNowait("x");
                q.shutdown(immediate);
                return t1;
            }, s -> {
                Throwable f = s.failure();
                return s.done(f != null ? f.getClass().getSimpleName() : s.value());
            }));
            assertEquals(immediate ? "QueueShutDownException" : "x", outcome);
        }
    }

    @Test
    void immediateShutdownNeverTakesUnfinishedTasksBelowZero() {
        AsyncQueue<String> q = new AsyncQueue<>();
        q.putNowait("a");
        q.putNowait("b");
        q.putNowait("c");
        q.taskDone(); // done early, for an item still queued
        q.taskDone();
        assertEquals(1, q.unfinishedTasks());
        q.shutdown(true);
        assertEquals(0, q.size());
        assertEquals(0, q.unfinishedTasks());
        assertNull(Weft.await(q.join())); // complete: join() returns at once
    }

    @Test
    void shutdownWakesEveryWaitingPutterAndGetterWithQueueShutDown() {
        AsyncQueue<String> full = new AsyncQueue<>(1);
        full.putNowait("x");
        AsyncQueue<String> empty = new AsyncQueue<>();
        run(Script.of(s -> {
            t1 = Weft.spawn(awaiting(full.put("y")));
            t2 = Weft.spawn(awaiting(full.put("z")));
            t3 = Weft.spawn(awaiting(empty.get()));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(2, full.putterCount());
            assertEquals(1, empty.getterCount());
            full.shutdown();
            empty.shutdown();
            assertEquals(0, full.putterCount());
            assertEquals(0, empty.getterCount());
            return Weft.yieldNow();
        }, s -> {
            for (Task<?> t : Arrays.asList(t1, t2, t3)) {
                assertTrue(t.exception() instanceof QueueShutDownException, String.valueOf(t));
            }
            assertEquals("x", full.getNowait());
            return null;
        }));
    }

    @Test
    void joinWakesEveryJoinerWhenTheLastTaskIsDone() {
        AsyncQueue<String> q = new AsyncQueue<>();
        q.putNowait("a");
        q.putNowait("b");
        run(Script.of(s -> {
            t1 = Weft.spawn(awaiting(q.join()));
            t2 = Weft.spawn(awaiting(q.join()));
            return Weft.yieldNow();
        }, s -> {
            q.getNowait();
            q.taskDone();
            return Weft.yieldNow();
        }, s -> {
            assertFalse(t1.isDone());
            assertFalse(t2.isDone());
            assertEquals("AsyncQueue[maxsize=0, size=1, tasks=1].join()", q.join().toString());
            assertThrows(IllegalStateException.class, () -> Weft.await(q.join()));
            q.getNowait();
            q.taskDone();
            return Weft.yieldNow();
        }, s -> {
            assertTrue(t1.isDone());
            assertTrue(t2.isDone());
            return null;
        }));
    }

    // ------------------------------------------------------------------ reports and threads

    @Test
    void toStringShowsWaitersTasksAndShutdown() {
        AsyncQueue<String> q = new AsyncQueue<>(1);
        LifoAsyncQueue<String> lifo = new LifoAsyncQueue<>(3);
        PriorityAsyncQueue<String> prio = new PriorityAsyncQueue<>();
        run(Script.of(s -> {
            t1 = Weft.spawn(awaiting(q.get()));
            return Weft.yieldNow();
        }, s -> {
            assertEquals("AsyncQueue[maxsize=1, size=0, getters:1]", q.toString());
            q.putNowait("a");
            t2 = Weft.spawn(awaiting(q.put("b")));
            t3 = Weft.spawn(awaiting(q.put("c")));
            return Weft.yieldNow(); // t1 takes "a", t2 puts "b", t3 waits
        }, s -> {
            assertEquals("AsyncQueue[maxsize=1, size=1, putters:1, tasks=2]", q.toString());
            q.shutdown();
            return Weft.yieldNow();
        }, s -> {
            assertEquals("AsyncQueue[maxsize=1, size=1, tasks=2, shutdown]", q.toString());
            return null;
        }));
        lifo.putNowait("x");
        assertEquals("LifoAsyncQueue[maxsize=3, size=1, tasks=1]", lifo.toString());
        assertEquals("PriorityAsyncQueue[maxsize=0, size=0]", prio.toString());
    }

    @Test
    void aDeadlockReportNamesTheQueueOperation() {
        AsyncQueue<String> q = new AsyncQueue<>(1);
        q.putNowait("x");
        AsyncQueue<String> empty = new AsyncQueue<>();
        DeadlockException e = assertThrows(DeadlockException.class, () -> run(Script.of(s -> {
            Weft.spawn(awaiting(q.put("y")), "producer");
            Weft.spawn(awaiting(q.join()), "joiner");
            return empty.get();
        })));
        String m = e.getMessage();
        assertTrue(m.contains("Task-1 waits on get from AsyncQueue[maxsize=0, size=0, getters:1]"), m);
        assertTrue(m.contains("producer waits on put into AsyncQueue[maxsize=1, size=1, putters:1, tasks=1]"), m);
        assertTrue(m.contains("joiner waits on join of AsyncQueue[maxsize=1, size=1, putters:1, tasks=1]"), m);
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS) // another thread: a lost wake-up must not hang the build
    void aQueueRefusesOtherThreadsWhileItsLoopRuns() {
        AsyncQueue<String> q = new AsyncQueue<>();
        Throwable[] seen = new Throwable[4];
        run(Script.of(s -> {
            t1 = Weft.spawn(awaiting(q.get())); // binds the queue to the loop
            return Weft.yieldNow();
        }, s -> {
            Thread t = new Thread(() -> {
                seen[0] = catching(() -> q.putNowait("from thread"));
                seen[1] = catching(q::getNowait);
                seen[2] = catching(q::taskDone);
                seen[3] = catching(q::shutdown);
            });
            t.start();
            t.join();
            q.putNowait("from loop");
            return t1;
        }, s -> {
            assertEquals("from loop", s.value());
            return null;
        }));
        for (Throwable t : seen) {
            assertTrue(t instanceof IllegalStateException, String.valueOf(t));
            assertTrue(t.getMessage().contains("callSoonThreadsafe"), t.getMessage());
        }
        assertFalse(q.isShutDown());
    }

    private static Throwable catching(Runnable r) {
        try {
            r.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    @Test
    void aPutterWhoseItemTheComparatorRefusesFailsAndHandsTheSlotOn() {
        // Weft's queue refuses the item atomically (asyncio's heappush would leave it in the
        // heap), so the free slot goes to the next putter.
        Comparator<String> picky = (a, b) -> {
            if (a.equals("bad") || b.equals("bad")) {
                throw new IllegalArgumentException("cannot order bad");
            }
            return a.compareTo(b);
        };
        PriorityAsyncQueue<String> q = new PriorityAsyncQueue<>(2, picky);
        q.putNowait("a");
        q.putNowait("b");
        run(Script.of(s -> {
            t1 = Weft.spawn(awaiting(q.put("bad")));
            t2 = Weft.spawn(awaiting(q.put("ok")));
            return Weft.yieldNow();
        }, s -> {
            assertEquals("a", q.getNowait()); // wakes t1, whose item cannot be ordered
            return t2;
        }, s -> {
            s.value();
            assertTrue(t1.exception() instanceof IllegalArgumentException);
            assertEquals(2, q.size());
            assertEquals("b", q.getNowait());
            assertEquals("ok", q.getNowait());
            return null;
        }));
    }
}
