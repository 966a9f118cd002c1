package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code toThread}: asyncio's {@code to_thread}, a blocking call on another thread, awaited without blocking the loop. */
class ToThreadTest {
    @Test
    void theCallRunsOnAnotherThreadWhileTheLoopRunsOtherTasks() {
        CountDownLatch otherTaskRan = new CountDownLatch(1);
        AtomicReference<String> thread = new AtomicReference<>();
        List<String> log = new ArrayList<>();
        Script<String> blocking = Script.of(
                x -> Weft.toThread(() -> {
                    thread.set(Thread.currentThread().getName());
                    // blocks until the loop has run the other task: it would deadlock on the loop's thread
                    if (!otherTaskRan.await(10, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("the loop did not run the other task");
                    }
                    return "result";
                }),
                x -> x.done((String) x.value()));
        Script<Void> other = Script.of(x -> {
            log.add("other ran");
            otherTaskRan.countDown();
            return x.done(null);
        });
        Script<String> main = Script.of(
                x -> {
                    Weft.spawn(other);
                    return blocking;
                },
                x -> x.done((String) x.value()));
        assertEquals("result", new EventLoop().runUntilComplete(main));
        assertEquals(List.of("other ran"), log);
        assertTrue(thread.get().startsWith("weft-to-thread-"), thread.get());
        assertNotEquals(Thread.currentThread().getName(), thread.get());
    }

    @Test
    void theCallsExceptionIsRethrownAsItIs() {
        Script<Object> main = Script.of(x -> Weft.toThread(() -> {
            throw new IOException("disk gone");
        }), x -> x.done(x.value()));
        IOException e = assertThrows(IOException.class, () -> {
            try {
                new EventLoop().runUntilComplete(main);
            } catch (TaskFailedException wrapped) {
                throw wrapped.getCause();
            }
        });
        assertEquals("disk gone", e.getMessage());
    }

    @Test
    void theCallStartsWhenAwaitedAndRunsOnce() {
        AtomicBoolean started = new AtomicBoolean();
        Awaitable<String> call = Weft.toThread(() -> {
            started.set(true);
            return "once";
        });
        assertFalse(started.get(), "not started before it is awaited");
        Script<String> main = Script.of(x -> call, x -> x.done((String) x.value()));
        assertEquals("once", new EventLoop().runUntilComplete(main));
        Script<String> again = Script.of(x -> call, x -> x.done((String) x.value()));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new EventLoop().runUntilComplete(again));
        assertTrue(e.getMessage().contains("runs once"), e.getMessage());
    }

    @Test
    void cancellingTheAwaitingTaskStopsTheWaitButNotTheCall() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        Script<String> waiter = Script.of(x -> Weft.toThread(() -> {
            release.await(10, TimeUnit.SECONDS);
            finished.countDown();
            return "late";
        }), x -> x.done((String) x.value()));
        AtomicReference<Throwable> seen = new AtomicReference<>();
        AtomicReference<Task<String>> task = new AtomicReference<>();
        Script<String> main = Script.of(
                x -> {
                    task.set(Weft.spawn(waiter));
                    return Weft.yieldNow();
                },
                x -> {
                    Task<String> t = task.get();
                    assertTrue(t.toString().contains("waiting on a call on another thread"), t.toString());
                    t.cancel();
                    return t;
                },
                x -> {
                    try {
                        x.value();
                    } catch (Throwable e) {
                        seen.set(e);
                    }
                    return x.done("main done");
                });
        assertEquals("main done", new EventLoop().runUntilComplete(main));
        assertTrue(seen.get() instanceof CancelledException, String.valueOf(seen.get()));
        release.countDown(); // the call itself was not stopped: it runs to its end, its result dropped
        assertTrue(finished.await(10, TimeUnit.SECONDS));
    }

    @Test
    void aCallRunsOnTheExecutorGiven() {
        ExecutorService single = Executors.newSingleThreadExecutor(r -> new Thread(r, "mine"));
        try {
            Script<String> main = Script.of(x -> Weft.toThread(() -> Thread.currentThread().getName(), single),
                    x -> x.done((String) x.value()));
            assertEquals("mine", new EventLoop().runUntilComplete(main));
        } finally {
            single.shutdownNow();
        }
    }
}
