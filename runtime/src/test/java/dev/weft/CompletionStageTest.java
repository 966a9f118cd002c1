package dev.weft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** Awaiting {@link CompletionStage}s: the ones that are {@link CompletableFuture}s and the others. */
class CompletionStageTest {
    private final List<String> log = new ArrayList<>();
    /** How often the stages made by {@link #opaque} were asked for {@code toCompletableFuture()}. */
    private int toCompletableFutureCalls;

    /**
     * A stage that is not a {@link CompletableFuture} and refuses {@code toCompletableFuture()},
     * as the interface allows; everything else is {@code f}'s.
     */
    @SuppressWarnings("unchecked")
    private <T> CompletionStage<T> opaque(CompletableFuture<T> f) {
        return (CompletionStage<T>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {CompletionStage.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "toCompletableFuture":
                            toCompletableFutureCalls++;
                            throw new UnsupportedOperationException("opaque stage");
                        case "toString":
                            return "opaque stage";
                        default:
                            try {
                                return method.invoke(f, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    @Test
    void awaitOutsideACoroutineReturnsTheOutcomeOfAnyCompleteStage() {
        assertEquals("done", Weft.await(opaque(CompletableFuture.completedFuture("done"))));
        CompletableFuture<String> failed = new CompletableFuture<>();
        IllegalStateException cause = new IllegalStateException("failed");
        failed.completeExceptionally(cause);
        assertSame(cause, assertThrows(IllegalStateException.class, () -> Weft.await(opaque(failed))));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Weft.await(opaque(new CompletableFuture<String>())));
        assertTrue(e.getMessage().startsWith("await(a CompletionStage (opaque stage)) would have to wait"),
                e.getMessage());
        assertEquals(0, toCompletableFutureCalls);
    }

    @Test
    void aCoroutineAwaitsAStageThatRefusesToCompletableFutureWithoutAskingForIt() {
        CompletableFuture<String> later = new CompletableFuture<>();
        Object r = EventLoop.withVirtualTime().runUntilComplete(Script.of(s -> {
            Weft.spawn(Script.of(x -> {
                log.add("other task");
                return null;
            }));
            return CoroutineFrame.suspendOn(opaque(CompletableFuture.completedFuture("at once")));
        }, s -> {
            // Already complete: continues without a trip through the loop, before the other task.
            log.add(s.value() + " before the other task");
            EventLoop.current().callLater(java.time.Duration.ofSeconds(1), () -> later.complete("later"));
            return CoroutineFrame.suspendOn(opaque(later));
        }, s -> s.done(s.value())));
        assertEquals("later", r);
        assertEquals(Arrays.asList("at once before the other task", "other task"), log);
        assertEquals(0, toCompletableFutureCalls);
    }

    @Test
    void aStageCompletingAfterItsWaiterWasCancelledAndWaitsOnSomethingElseIsIgnored() {
        CompletableFuture<String> f = new CompletableFuture<>();
        Event never = new Event();
        Task<?>[] waiter = new Task<?>[1];
        EventLoop.withVirtualTime().runUntilComplete(Script.of(s -> {
            waiter[0] = Weft.spawn(Script.of(x -> CoroutineFrame.suspendOn(f), x -> {
                log.add("stage wait ended by " + x.failure().getClass().getSimpleName());
                return never;
            }, x -> {
                log.add("resumed from the event with " + x.value());
                return null;
            }));
            return Weft.yieldNow();
        }, s -> {
            waiter[0].cancel();
            return Weft.yieldNow();
        }, s -> {
            // Completed on the loop's thread after the waiter moved on: the completion still
            // travels through callSoonThreadsafe and arrives while the waiter waits on the event.
            f.complete("late");
            return Weft.sleep(1);
        }));
        assertEquals(Arrays.asList("stage wait ended by CancelledException"), log);
        assertTrue(waiter[0].toString().endsWith("[waiting on Event[unset, waiters:1]]"), waiter[0].toString());
    }
}
