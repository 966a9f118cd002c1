package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calls into a loop from other threads: {@link EventLoop#callSoonThreadsafe(Runnable)},
 * {@link EventLoop#expectThreadsafeCall()}, and awaiting a {@link CompletableFuture} that another
 * thread completes. The other threads act only once the loop has run out of work and parked, the
 * moment at which a loop that does not expect them reports a deadlock.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ThreadsafeCallTest {
    private final List<Thread> helpers = new ArrayList<>();

    /**
     * Starts a thread that waits until {@code loop}, running in this thread, is parked waiting for
     * other threads (or gives up after 10 s, for a loop that never parks), then runs {@code action}.
     */
    private void whenParked(EventLoop loop, Runnable action) {
        Thread loopThread = Thread.currentThread();
        Thread t = new Thread(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (LockSupport.getBlocker(loopThread) != loop) {
                if (System.nanoTime() > deadline) {
                    return;
                }
                Thread.yield();
            }
            action.run();
        }, "helper");
        t.setDaemon(true);
        helpers.add(t);
        t.start();
    }

    private void joinHelpers() throws InterruptedException {
        for (Thread t : helpers) {
            t.join();
        }
    }

    @Test
    void aPromiseCompletedThroughAnExpectedCallIsAwaitedInsteadOfADeadlock() throws Exception {
        EventLoop loop = new EventLoop();
        Promise<String> p = new Promise<>();
        Object r = loop.runUntilComplete(Script.of(s -> {
            ExpectedCall call = loop.expectThreadsafeCall();
            whenParked(loop, () -> call.call(() -> p.complete("hi")));
            return p;
        }, s -> s.done(s.value())));
        assertEquals("hi", r);
        joinHelpers();
    }

    @Test
    void aCompletableFutureCompletedLaterByAnotherThreadIsAwaitedInsteadOfADeadlock() throws Exception {
        EventLoop loop = new EventLoop();
        CompletableFuture<String> f = new CompletableFuture<>();
        Object r = loop.runUntilComplete(Script.of(s -> {
            whenParked(loop, () -> f.complete("from thread"));
            return CoroutineFrame.suspendOn(f);
        }, s -> s.done(s.value())));
        assertEquals("from thread", r);
        joinHelpers();
    }

    @Test
    void cancellingAnExpectedCallWakesTheLoopToReportTheDeadlock() throws Exception {
        EventLoop loop = EventLoop.withVirtualTime();
        Promise<String> p = new Promise<>();
        ExpectedCall[] call = new ExpectedCall[1];
        DeadlockException e = assertThrows(DeadlockException.class, () -> loop.runUntilComplete(Script.of(s -> {
            call[0] = loop.expectThreadsafeCall();
            whenParked(loop, call[0]::cancel);
            return p;
        })));
        assertTrue(e.getMessage().contains("Task-1 waits on Promise[pending, waiters:1]"), e.getMessage());
        assertTrue(call[0].isDone());
        joinHelpers();
    }

    @Test
    void anUnannouncedCallIsNotWaitedForAndTheReportSaysHowToAnnounceIt() {
        EventLoop loop = EventLoop.withVirtualTime();
        DeadlockException e = assertThrows(DeadlockException.class,
                () -> loop.runUntilComplete(Script.of(s -> new Promise<String>())));
        assertTrue(e.getMessage().endsWith("A callback that another thread will post with callSoonThreadsafe"
                + " counts only if announced with loop.expectThreadsafeCall()."), e.getMessage());
    }

    @Test
    void anExpectedCallIsMadeOnce() {
        EventLoop loop = EventLoop.withVirtualTime();
        List<String> log = new ArrayList<>();
        ExpectedCall call = loop.expectThreadsafeCall();
        ExpectedCall cancelled = loop.expectThreadsafeCall();
        assertFalse(call.isDone());
        call.call(() -> log.add("called"));
        assertTrue(call.isDone());
        assertThrows(IllegalStateException.class, () -> call.call(() -> log.add("twice")));
        assertFalse(call.cancel());
        assertTrue(cancelled.cancel());
        assertFalse(cancelled.cancel());
        assertThrows(IllegalStateException.class, () -> cancelled.call(() -> log.add("after cancel")));
        assertThrows(NullPointerException.class, () -> loop.expectThreadsafeCall().call(null));
        loop.runUntilComplete(Script.of(s -> Weft.yieldNow()));
        assertEquals(java.util.Arrays.asList("called"), log);
    }

    @Test
    void aClosedLoopRefusesCallsFromOtherThreads() {
        // asyncio's call_soon_threadsafe raises RuntimeError('Event loop is closed').
        EventLoop loop = EventLoop.withVirtualTime();
        ExpectedCall call = loop.expectThreadsafeCall();
        loop.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> loop.callSoonThreadsafe(() -> { }));
        assertTrue(e.getMessage().startsWith("the event loop is closed"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> call.call(() -> { }));
        assertTrue(call.isDone());
        assertThrows(IllegalStateException.class, loop::expectThreadsafeCall);
    }
}
