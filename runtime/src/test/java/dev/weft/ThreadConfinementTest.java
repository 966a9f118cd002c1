package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Primitives belong to one loop and to the thread that runs it: every operation that changes a
 * primitive or waits on it, immediate paths included, refuses other threads while the loop runs.
 * Each test binds a primitive through an operation that completes at once (never a wait), then
 * uses it from another thread: directly, and by awaiting it in a task of a loop of that thread.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadConfinementTest {

    @FunctionalInterface
    interface Action {
        void run() throws Throwable;
    }

    /** Runs {@code body} as the only step of a task, on a virtual-time loop in this thread. */
    private static void onLoop(Action body) {
        EventLoop.withVirtualTime().runUntilComplete(Script.of(s -> {
            body.run();
            return null;
        }));
    }

    /** Runs {@code action} in another thread and waits for it; returns what it threw. */
    private static Throwable inOtherThread(Action action) throws InterruptedException {
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(() -> {
            try {
                action.run();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "intruder");
        t.start();
        t.join();
        return thrown[0];
    }

    /** Awaits {@code awaitable} in a task of a loop of another thread; returns what it threw. */
    private static Throwable awaitedInOtherThread(Awaitable<?> awaitable) throws InterruptedException {
        return inOtherThread(() -> EventLoop.withVirtualTime().runUntilComplete(Script.of(s -> awaitable)));
    }

    private static void assertRefused(Throwable thrown) {
        assertInstanceOf(IllegalStateException.class, thrown);
        String m = thrown.getMessage();
        assertTrue(m.contains("belongs to the event loop running in thread " + Thread.currentThread().getName()
                + " and was used from thread intruder"), m);
        assertTrue(m.contains("loop.callSoonThreadsafe(...)"), m);
    }

    @Test
    void semaphoreReleasedOrAcquiredFromAnotherThread() {
        Semaphore sem = new Semaphore(0);
        onLoop(() -> {
            sem.release(); // binds it
            assertRefused(inOtherThread(sem::release));
            assertRefused(awaitedInOtherThread(sem.acquire())); // a permit is free: the fast path
            assertEquals(1, sem.value());
        });
    }

    @Test
    void semaphoreAcquiredAtOnceThenReleasedFromAnotherThread() {
        BoundedSemaphore sem = new BoundedSemaphore(1);
        EventLoop.withVirtualTime().runUntilComplete(Script.of(s -> sem.acquire(), s -> {
            s.value();
            assertRefused(inOtherThread(sem::release));
            assertEquals(0, sem.value());
            sem.release();
            // At its bound: the thread is checked before the bound.
            assertRefused(inOtherThread(sem::release));
            return null;
        }));
        assertEquals(1, sem.value());
    }

    @Test
    void lockUsedFromAnotherThreadFailsWithAThreadErrorNotTheOwnerRule() {
        Lock lock = new Lock();
        EventLoop.withVirtualTime().runUntilComplete(Script.of(s -> lock.acquire(), s -> {
            s.value();
            assertRefused(inOtherThread(lock::release));
            assertTrue(lock.isLocked());
            lock.release();
            assertRefused(awaitedInOtherThread(lock.acquire())); // free: the fast path
            assertRefused(inOtherThread(lock::release)); // not "Lock is not acquired."
            return null;
        }));
        assertFalse(lock.isLocked());
    }

    @Test
    void eventSetClearedOrAwaitedFromAnotherThread() {
        Event ev = new Event();
        onLoop(() -> {
            ev.set(); // binds it
            assertRefused(inOtherThread(ev::clear));
            assertRefused(inOtherThread(ev::set));
            assertRefused(awaitedInOtherThread(ev)); // set: the fast path
            assertTrue(ev.isSet());
        });
    }

    @Test
    void countdownLatchFromAnotherThread() {
        CountdownLatch latch = new CountdownLatch(2);
        onLoop(() -> {
            latch.countDown(); // binds it
            assertRefused(inOtherThread(latch::countDown));
            assertRefused(inOtherThread(() -> latch.setCount(5)));
            assertEquals(1, latch.count());
            latch.countDown();
            assertRefused(awaitedInOtherThread(latch)); // at zero: the fast path
        });
    }

    @Test
    void promiseSettledOrAwaitedFromAnotherThread() {
        Promise<String> p = new Promise<>();
        onLoop(() -> {
            p.complete("x"); // binds it
            assertRefused(awaitedInOtherThread(p)); // settled: the fast path
            // The thread is checked first: not "already settled".
            assertRefused(inOtherThread(() -> p.complete("y")));
            assertRefused(inOtherThread(() -> p.fail(new IllegalStateException())));
            assertRefused(inOtherThread(p::cancel));
        });
        assertEquals("x", p.result());
    }

    @Test
    void barrierAbortedResetOrAwaitedFromAnotherThread() {
        Barrier b = new Barrier(2);
        onLoop(() -> {
            b.reset(); // binds it
            assertRefused(inOtherThread(b::abort));
            assertFalse(b.isBroken());
            b.abort();
            assertRefused(inOtherThread(b::reset));
            assertTrue(b.isBroken());
            assertRefused(awaitedInOtherThread(b)); // broken: fails at once, but not with BrokenBarrierException
        });
    }

    @Test
    void conditionSignalledFromAnotherThreadFailsWithAThreadErrorNotTheOwnerRule() {
        Condition c = new Condition();
        EventLoop.withVirtualTime().runUntilComplete(Script.of(s -> c.acquire(), s -> {
            s.value();
            c.signal(); // binds it
            assertRefused(inOtherThread(c::signal));
            assertRefused(inOtherThread(c::signalAll));
            assertRefused(inOtherThread(c::release));
            c.release();
            return null;
        }));
    }

    @Test
    void queueUsedFromAnotherThreadBeforeAnyTaskWaitedOnIt() {
        AsyncQueue<String> q = new AsyncQueue<>(2);
        onLoop(() -> {
            q.putNowait("a"); // binds it
            assertRefused(inOtherThread(() -> q.putNowait("x")));
            assertRefused(inOtherThread(q::getNowait));
            assertRefused(inOtherThread(q::taskDone));
            assertRefused(inOtherThread(q::shutdown));
            assertRefused(awaitedInOtherThread(q.get())); // an item is there: the fast path
            assertRefused(awaitedInOtherThread(q.put("y"))); // room for it: the fast path
            assertEquals(1, q.size());
            assertEquals("a", q.getNowait());
            q.taskDone();
            assertRefused(awaitedInOtherThread(q.join())); // nothing unfinished: the fast path
            assertFalse(q.isShutDown());
        });
    }

    @Test
    void setupCodeUsesUnboundPrimitivesFromAnyThreadAndTheFirstUseInALoopBindsThem() throws Exception {
        Event ev = new Event();
        AsyncQueue<String> q = new AsyncQueue<>();
        // No loop runs in either thread: setup code.
        q.putNowait("from setup");
        assertNull(inOtherThread(() -> q.putNowait("from another setup thread")));
        assertNull(inOtherThread(ev::set));
        onLoop(() -> {
            ev.clear(); // binds it
            assertRefused(inOtherThread(ev::set));
            assertEquals("from setup", q.getNowait()); // binds it
            assertRefused(inOtherThread(q::getNowait));
        });
        // The loop no longer runs, and no other runs in this thread: allowed again.
        ev.set();
        assertEquals("from another setup thread", q.getNowait());
    }

    @Test
    void aPrimitiveBoundToOneLoopRefusesAnotherLoopInTheSameThread() {
        Event ev = new Event();
        onLoop(ev::set);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> onLoop(ev::clear));
        assertTrue(e.getMessage().contains("Event[set] is bound to a different event loop"), e.getMessage());
        assertTrue(ev.isSet());
    }
}
