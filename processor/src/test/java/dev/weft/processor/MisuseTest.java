package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.testing.compile.Compilation;
import java.util.ArrayList;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Misuses javac's types reveal: an awaitable or coroutine object dropped by an expression
 * statement is an error that says to await it; a blocking call inside a coroutine is a warning
 * that says what to await instead.
 */
class MisuseTest {
    /** {@code line: message} of the diagnostics of {@code kind} in T.java (the body starts on line 10). */
    private static List<String> diagnostics(Compilation c, Diagnostic.Kind kind) {
        List<String> out = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : c.diagnostics()) {
            if (d.getKind() == kind && d.getSource() != null && d.getSource().getName().endsWith("/T.java")) {
                out.add(d.getLineNumber() + ": " + d.getMessage(null));
            }
        }
        return out;
    }

    private static void assertAt(List<String> found, int line, String... fragments) {
        for (String f : found) {
            if (f.startsWith(line + ": ")) {
                for (String fragment : fragments) {
                    assertTrue(f.contains(fragment), () -> "'" + fragment + "' missing in " + f);
                }
                return;
            }
        }
        throw new AssertionError("nothing reported at line " + line + ": " + found);
    }

    @Test
    void droppedAwaitablesAndCoroutineObjectsAreErrorsThatSayToAwait() {
        Compilation c = CoroutineCompiler.compile(List.of(), CoroutineCompiler.classT("""
                @Coroutine static String child(String s) { await(later(0)); return s; }
                @Coroutine static void main(AsyncQueue<Integer> queue, Lock lock) {
                    sleep(200);
                    queue.put(1);
                    lock.acquire();
                    TCoroutines.child("x");
                    later(1);
                    await(sleep(1));
                    spawn(TCoroutines.child("y"));
                    await(lock.acquire());
                    lock.release();
                }
                static void plain() {
                    sleep(5);
                    new Promise<String>();
                    EventLoop.run(TCoroutines.child("z"));
                }
                """));
        List<String> errors = diagnostics(c, Diagnostic.Kind.ERROR);
        assertEquals(7, errors.size(), () -> CoroutineCompiler.diagnostics(c));
        assertAt(errors, 12, "sleep(...)", "Awaitable, dropped", "await(...)");
        assertAt(errors, 13, "queue.put(...)", "await(...)");
        assertAt(errors, 14, "lock.acquire(...)");
        assertAt(errors, 15, "TCoroutines.child(...)", "coroutine object, dropped", "spawn(...)");
        assertAt(errors, 16, "later(...)", "Awaitable, dropped");
        assertAt(errors, 23, "sleep(...)"); // in plain code too
        assertAt(errors, 24, "this Promise", "Awaitable, dropped");
    }

    @Test
    void assignedAwaitablesAndCoroutineObjectsAreKeptNotDropped() {
        Compilation c = CoroutineCompiler.compile(List.of(), CoroutineCompiler.classT("""
                static CoroutineFrame<String> kept;
                @Coroutine static String child(String s) { await(later(0)); return s; }
                @Coroutine static String main() {
                    Awaitable<Void> nap;
                    nap = sleep(1);
                    await(nap);
                    kept = TCoroutines.child("x");
                    return await(kept);
                }
                static String plain() {
                    CoroutineFrame<String> f;
                    f = TCoroutines.main();
                    return EventLoop.run(f);
                }
                """));
        assertEquals(List.of(), diagnostics(c, Diagnostic.Kind.ERROR), () -> CoroutineCompiler.diagnostics(c));
    }

    @Test
    void blockingCallsInACoroutineAreWarningsThatSayWhatToAwait() {
        Compilation c = CoroutineCompiler.compile(List.of(), CoroutineCompiler.classT("""
                @Coroutine static int main(java.util.concurrent.CompletableFuture<Integer> f,
                        java.util.concurrent.BlockingQueue<Integer> q, java.util.concurrent.CountDownLatch latch,
                        Object monitor) throws Exception {
                    int a = f.join();
                    Thread.sleep(1);
                    int b = q.take();
                    latch.await();
                    synchronized (monitor) { monitor.wait(1); }
                    Runnable later = () -> f.join();
                    return a + b + f.get() + await(f);
                }
                @SuppressWarnings("weft-blocking")
                @Coroutine static int quiet(java.util.concurrent.CompletableFuture<Integer> f) {
                    return f.join() + await(f);
                }
                static int plain(java.util.concurrent.CompletableFuture<Integer> f) {
                    return f.join();
                }
                """));
        assertEquals(Compilation.Status.SUCCESS, c.status(), () -> CoroutineCompiler.diagnostics(c));
        List<String> warnings = diagnostics(c, Diagnostic.Kind.WARNING);
        assertEquals(6, warnings.size(), () -> String.join("\n", warnings));
        assertAt(warnings, 13, "CompletableFuture.join blocks", "await(future)");
        assertAt(warnings, 14, "Thread.sleep", "await(sleep(millis))", "await(toThread(() -> ...))");
        assertAt(warnings, 15, "BlockingQueue.take", "AsyncQueue");
        assertAt(warnings, 16, "CountDownLatch.await", "dev.weft.CountdownLatch");
        assertAt(warnings, 17, "Object.wait", "dev.weft.Condition");
        assertAt(warnings, 19, "CompletableFuture.get", "weft-blocking");
    }
}
