package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/** Flowno's CountdownLatch semantics. */
class CountdownLatchTest {
    private final EventLoop loop = EventLoop.withVirtualTime();
    private final List<String> log = new ArrayList<>();

    private void run(Script<?> main) {
        loop.runUntilComplete(main);
    }

    private Script<Void> waiter(String name, CountdownLatch latch) {
        return Script.of(s -> {
            log.add(name + " waits");
            return latch;
        }, s -> {
            Throwable f = s.failure();
            log.add(name + (f == null ? " released" : " failed: " + f.getClass().getSimpleName()));
            if (f != null) {
                throw f;
            }
            return null;
        });
    }

    @Test
    void negativeInitialCountIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new CountdownLatch(-1));
        assertEquals("CountdownLatch count must be non-negative", e.getMessage());
    }

    @Test
    void countDownLowersTheCountAndIsANoOpAtZero() {
        CountdownLatch latch = new CountdownLatch(2);
        assertEquals(2, latch.count());
        latch.countDown();
        assertEquals(1, latch.count());
        latch.countDown(true);
        assertEquals(0, latch.count());
        LogCapture capture = new LogCapture();
        List<LogRecord> records = capture.records();
        try {
            latch.countDown();
            latch.countDown(false);
        } finally {
            capture.close();
        }
        assertEquals(0, latch.count());
        // As Flowno, counting down a latch at zero only warns.
        assertEquals(2, records.size());
        assertEquals(Level.WARNING, records.get(0).getLevel());
    }

    @Test
    void countDownAtZeroThrowsWhenAsked() {
        CountdownLatch latch = new CountdownLatch(0);
        ZeroLatchException e = assertThrows(ZeroLatchException.class, () -> latch.countDown(true));
        assertEquals("Cannot count down a latch that is already at zero", e.getMessage());
        assertEquals(0, latch.count());
    }

    @Test
    void setCountRejectsNegativesAndRearmsTheLatch() {
        CountdownLatch latch = new CountdownLatch(0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> latch.setCount(-3));
        assertEquals("CountdownLatch count must be non-negative", e.getMessage());
        assertEquals(0, latch.count());
        latch.setCount(1);
        assertEquals(1, latch.count());
        run(Script.of(s -> {
            Weft.spawn(waiter("w", latch));
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList("w waits"), log);
            latch.countDown();
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList("w waits", "w released"), log);
            latch.setCount(0); // nobody waits any more
            return latch;
        }));
    }

    @Test
    void setCountIsRejectedWhileTasksWait() {
        CountdownLatch latch = new CountdownLatch(2);
        Throwable[] seen = new Throwable[1];
        run(Script.of(s -> {
            Weft.spawn(waiter("w", latch));
            return Weft.yieldNow();
        }, s -> {
            seen[0] = assertThrows(IllegalStateException.class, () -> latch.setCount(5));
            assertEquals(2, latch.count());
            latch.countDown();
            latch.countDown();
            // Released, not yet run: it no longer waits, so the count may change.
            latch.setCount(1);
            return Weft.yieldNow();
        }));
        assertTrue(seen[0].getMessage().contains("1 task waits"), seen[0].getMessage());
        assertEquals(Arrays.asList("w waits", "w released"), log);
        assertEquals(1, latch.count());
    }

    @Test
    void awaitingALatchAtZeroContinuesAtOnce() {
        CountdownLatch latch = new CountdownLatch(0);
        run(Script.of(s -> {
            Weft.spawn(Script.of(x -> {
                log.add("other ran");
                return null;
            }));
            return latch;
        }, s -> {
            assertNull(s.value());
            log.add("passed the latch");
            return Weft.yieldNow();
        }));
        assertEquals(Arrays.asList("passed the latch", "other ran"), log);
        assertNull(Weft.await(latch)); // also outside a coroutine
        assertThrows(IllegalStateException.class, () -> Weft.await(new CountdownLatch(1)));
    }

    @Test
    void waitersAreReleasedInOrderWhenTheCountReachesZero() {
        CountdownLatch latch = new CountdownLatch(3);
        run(Script.of(s -> {
            Weft.spawn(waiter("a", latch));
            Weft.spawn(waiter("b", latch));
            return Weft.yieldNow();
        }, s -> {
            latch.countDown();
            latch.countDown();
            return Weft.yieldNow();
        }, s -> {
            assertEquals(Arrays.asList("a waits", "b waits"), log);
            assertEquals(2, latch.waiterCount());
            latch.countDown();
            log.add("counted to zero");
            return Weft.yieldNow();
        }, s -> {
            assertEquals(0, latch.waiterCount());
            return null;
        }));
        assertEquals(Arrays.asList("a waits", "b waits", "counted to zero", "a released", "b released"), log);
    }

    @Test
    void aCancelledWaiterLeavesTheLatchAndTheOthersStillGetReleased() {
        CountdownLatch latch = new CountdownLatch(1);
        Task<?>[] t = new Task<?>[2];
        run(Script.of(s -> {
            t[0] = Weft.spawn(waiter("a", latch));
            t[1] = Weft.spawn(waiter("b", latch));
            return Weft.yieldNow();
        }, s -> {
            t[0].cancel();
            return Weft.yieldNow();
        }, s -> {
            assertTrue(t[0].isCancelled());
            assertEquals(1, latch.waiterCount());
            assertEquals(1, latch.count());
            latch.countDown();
            return t[1];
        }, s -> {
            s.value();
            return null;
        }));
        assertEquals(Arrays.asList("a waits", "b waits", "a failed: CancelledException", "b released"), log);
    }

    @Test
    void aCancelledOnlyWaiterNoLongerBlocksSetCount() {
        CountdownLatch latch = new CountdownLatch(1);
        Task<?>[] w = new Task<?>[1];
        run(Script.of(s -> {
            w[0] = Weft.spawn(waiter("w", latch));
            return Weft.yieldNow();
        }, s -> {
            assertThrows(IllegalStateException.class, () -> latch.setCount(2));
            w[0].cancel();
            // Cancelled, not yet run: its wait is over.
            latch.setCount(2);
            return Weft.yieldNow();
        }));
        assertEquals(2, latch.count());
        assertEquals(0, latch.waiterCount());
    }

    @Test
    void aTaskBlockedOnALatchShowsInTheDeadlockReport() {
        CountdownLatch latch = new CountdownLatch(2);
        DeadlockException e = assertThrows(DeadlockException.class, () -> run(Script.of(s -> latch)));
        assertTrue(e.getMessage().contains("Task-1 waits on CountdownLatch[count:2, waiters:1]"),
                e.getMessage());
    }
}
