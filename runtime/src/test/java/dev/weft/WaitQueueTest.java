package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The wait queue's search for the next pending waiter, which starts where the last one ended
 * (woken and cancelled waiters stay queued until they run): FIFO order with waiters cancelled in
 * the middle, the search's place removed, the queue emptied and filled again.
 */
class WaitQueueTest {
    private final EventLoop loop = EventLoop.withVirtualTime();

    private static Script<Void> acquirer(Semaphore sem, int n, List<Integer> order) {
        return Script.of(s -> sem.acquire(), s -> {
            s.value();
            order.add(n);
            return null;
        });
    }

    @Test
    void releasesWakeThePendingWaitersInOrderSkippingCancelledOnes() {
        Semaphore sem = new Semaphore(0);
        List<Integer> order = new ArrayList<>();
        List<Task<?>> tasks = new ArrayList<>();
        loop.runUntilComplete(Script.of(s -> {
            for (int i = 1; i <= 6; i++) {
                tasks.add(Weft.spawn(acquirer(sem, i, order)));
            }
            return Weft.yieldNow();
        }, s -> {
            assertEquals(6, sem.waiterCount());
            tasks.get(1).cancel(); // 2: no longer pending, still queued
            sem.release();
            sem.release(); // wakes 1, then 3: 2 is skipped
            tasks.get(4).cancel(); // 5, behind the search's place
            sem.release(); // wakes 4
            assertEquals(0, sem.value());
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList(1, 3, 4), order);
            assertTrue(tasks.get(1).isCancelled());
            assertTrue(tasks.get(4).isCancelled());
            assertEquals(1, sem.waiterCount()); // 6
            sem.release(); // wakes 6: the search's place was removed with 4 and 5
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList(1, 3, 4, 6), order);
            assertEquals(0, sem.waiterCount());
            for (int i = 7; i <= 9; i++) {
                tasks.add(Weft.spawn(acquirer(sem, i, order)));
            }
            return Weft.yieldNow();
        }, s -> {
            sem.release();
            sem.release();
            sem.release();
            sem.release(); // one more than there are waiters: kept as the value
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList(1, 3, 4, 6, 7, 8, 9), order);
            assertEquals(1, sem.value());
            return null;
        }));
    }

    @Test
    void signalsOneByOneWakeDistinctWaitersInOrder() {
        Condition cond = new Condition();
        List<Integer> order = new ArrayList<>();
        loop.runUntilComplete(Script.of(s -> {
            for (int i = 1; i <= 5; i++) {
                int n = i;
                Weft.spawn(Script.of(w -> cond.acquire(), w -> {
                    w.value();
                    return cond;
                }, w -> {
                    w.value();
                    order.add(n);
                    cond.release();
                    return null;
                }));
            }
            return Weft.yieldNow();
        }, s -> cond.acquire(), s -> {
            s.value();
            cond.signal();
            cond.signal();
            cond.signal(); // three distinct waiters, not the first one three times
            cond.release();
            return Weft.sleep(10); // each woken waiter takes the lock in turn
        }, s -> {
            assertEquals(Arrays.asList(1, 2, 3), order);
            return cond.acquire();
        }, s -> {
            s.value();
            cond.signal(2);
            cond.release();
            return Weft.sleep(10);
        }, s -> {
            assertEquals(Arrays.asList(1, 2, 3, 4, 5), order);
            return null;
        }));
    }
}
