package dev.weft.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.CoroutineFrame;
import dev.weft.DeadlockException;
import dev.weft.EventLoop;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Exceptions that pass through coroutines show the user's own lines: each coroutine at the line
 * that threw or called, its inline callers, and the chain of a task that awaited the failed one,
 * marked as such; the runtime's driver frames are left out. Task dumps and deadlock reports name
 * where each task waits, with its callers.
 */
class StackTracesTest {
    private static final String DEEP = String.join("\n",
            "package oops;",                                                          // 1
            "import dev.weft.*;",                                                     // 2
            "import static dev.weft.Weft.*;",                                         // 3
            "public class Deep {",                                                    // 4
            "    @Coroutine static int level3(int x) {",                               // 5
            "        await(sleep(0));",                                                // 6
            "        check(x);",                                                       // 7
            "        return x;",                                                       // 8
            "    }",                                                                   // 9
            "    static void check(int x) {",                                          // 10
            "        if (x > 2) throw new IllegalArgumentException(\"x too big: \" + x);", // 11
            "    }",                                                                   // 12
            "    @Coroutine static int level2(int x) {",                               // 13
            "        int y = x + 1;",                                                  // 14
            "        return level3(y) + 1;",                                           // 15
            "    }",                                                                   // 16
            "    @Coroutine static int level1(int x) { return level2(x + 1) + 1; }",   // 17
            "    @Coroutine static int top(int x) {",                                  // 18
            "        Task<Integer> t = spawn(DeepCoroutines.level1(x));",              // 19
            "        await(sleep(0));",                                                // 20
            "        return await(t);",                                                // 21
            "    }",                                                                   // 22
            "    @Coroutine static int thrower(int x) {",                              // 23
            "        await(sleep(0));",                                                // 24
            "        String s = null;",                                                // 25
            "        return s.length() + x;",                                          // 26
            "    }",                                                                   // 27
            "    @Coroutine static int nested(int x) {",                               // 28
            "        await(sleep(0));",                                                // 29
            "        if (x > 0) {",                                                    // 30
            "            int[] a = new int[0];",                                       // 31
            "            return a[x];",                                                // 32
            "        }",                                                               // 33
            "        return 0;",                                                       // 34
            "    }",                                                                   // 35
            "    @Coroutine static int inLambda(int x) {",                             // 36
            "        await(sleep(0));",                                                // 37
            "        java.util.function.IntUnaryOperator f = v -> {",                  // 38
            "            return 10 / v;",                                              // 39
            "        };",                                                              // 40
            "        return f.applyAsInt(x);",                                         // 41
            "    }",                                                                   // 42
            "    @Coroutine static int outer(int x) {",                                // 43
            "        try {",                                                           // 44
            "            return level2(x);",                                           // 45
            "        } catch (IllegalArgumentException e) {",                          // 46
            "            throw e;",                                                    // 47
            "        }",                                                               // 48
            "    }",                                                                   // 49
            "    @Coroutine static void sleeper() { await(sleep(1000)); }",            // 50
            "    @Coroutine static void waitsDeep() { sleeper(); }",                   // 51
            "    @Coroutine static String canceller() {",                              // 52
            "        Task<Void> t = spawn(DeepCoroutines.waitsDeep());",               // 53
            "        await(sleep(1));",                                                // 54
            "        t.cancel();",                                                     // 55
            "        await(sleep(1));",                                                // 56
            "        try { t.exception(); return \"not cancelled\"; } catch (CancelledException e) { return String.join(\"\\n\", trace(e)); }", // 57
            "    }",                                                                   // 58
            "    static java.util.List<String> trace(Throwable e) {",                  // 59
            "        java.util.List<String> out = new java.util.ArrayList<>();",       // 60
            "        for (StackTraceElement s : e.getStackTrace()) out.add(s.toString());", // 61
            "        return out;",                                                     // 62
            "    }",                                                                   // 63
            "}",
            "");

    private static final String WORKER = String.join("\n",
            "package oops;",                                                          // 1
            "import dev.weft.*;",                                                     // 2
            "import static dev.weft.Weft.*;",                                         // 3
            "public class Worker {",                                                  // 4
            "    @Coroutine static void step(Lock lock) {",                            // 5
            "        await(lock.acquire());",                                          // 6
            "    }",                                                                   // 7
            "    @Coroutine static void run(Lock lock) {",                             // 8
            "        step(lock);",                                                     // 9
            "    }",                                                                   // 10
            "    @Coroutine static String dump() {",                                   // 11
            "        Lock lock = new Lock();",                                         // 12
            "        await(lock.acquire());",                                          // 13
            "        Task<Void> w = spawn(WorkerCoroutines.run(lock));",               // 14
            "        w.setName(\"worker\");",                                          // 15
            "        await(yieldNow());",                                              // 16
            "        return EventLoop.current().dumpTasks();",                         // 17
            "    }",                                                                   // 18
            "    @Coroutine static void stuck() {",                                    // 19
            "        Lock lock = new Lock();",                                         // 20
            "        await(lock.acquire());",                                          // 21
            "        Task<Void> w = spawn(WorkerCoroutines.run(lock));",               // 22
            "        w.setName(\"worker\");",                                          // 23
            "        await(w);",                                                       // 24
            "    }",                                                                   // 25
            "}",
            "");

    private static ClassLoader loader;

    private static synchronized ClassLoader loader() {
        if (loader == null) {
            loader = CoroutineCompiler.compileAndLoad(List.of(), DEEP, WORKER);
        }
        return loader;
    }

    private static Throwable failure(String factory, Object... args) throws Throwable {
        CoroutineFrame<?> frame = CoroutineCompiler.frame(loader(), "oops.DeepCoroutines", factory, args);
        try {
            EventLoop.withVirtualTime().runUntilComplete(frame);
        } catch (Throwable t) {
            return t;
        }
        throw new AssertionError("no exception");
    }

    private static List<String> lines(Throwable t) {
        List<String> out = new ArrayList<>();
        for (StackTraceElement e : t.getStackTrace()) {
            out.add(e.toString());
        }
        return out;
    }

    @Test
    void anExceptionThreeCoroutinesDeepShowsTheUsersLinesCallersAndTheAwaitingTask() throws Throwable {
        Throwable t = failure("top", 1);
        assertTrue(t instanceof IllegalArgumentException, String.valueOf(t));
        List<String> trace = lines(t);
        // the plain helper that threw, as Java shows it; then each coroutine at its own line
        assertEquals("oops.Deep.check(Deep.java:11)", trace.get(0), String.join("\n", trace));
        assertEquals("oops.Deep.level3(Deep.java:7)", trace.get(1), String.join("\n", trace));
        assertEquals("oops.Deep.level2(Deep.java:15)", trace.get(2), String.join("\n", trace));
        assertEquals("oops.Deep.level1(Deep.java:17)", trace.get(3), String.join("\n", trace));
        // the task that awaited the failed one, marked
        assertTrue(trace.get(4).contains("[awaiting Task-") && trace.get(4).endsWith("oops.Deep.top(Deep.java:21)"),
                String.join("\n", trace));
        // no runtime driver frames, and the caller of the loop (this test) stays
        for (String line : trace) {
            assertTrue(!line.matches("dev\\.weft\\.[A-Z][\\w$]*\\..*") && !line.contains("DeepCoroutines"),
                    String.join("\n", trace));
        }
        assertTrue(trace.stream().anyMatch(l -> l.contains("StackTracesTest.failure")), String.join("\n", trace));
    }

    @Test
    void anExceptionThrownByTheCoroutinesOwnStatementPointsAtIt() throws Throwable {
        Throwable t = failure("thrower", 1);
        assertTrue(t instanceof NullPointerException, String.valueOf(t));
        assertEquals("oops.Deep.thrower(Deep.java:26)", lines(t).get(0), String.join("\n", lines(t)));
    }

    @Test
    void aStatementNestedInAnotherAndALambdasBodyAreShownAtTheirOwnLines() throws Throwable {
        Throwable t = failure("nested", 1);
        assertTrue(t instanceof ArrayIndexOutOfBoundsException, String.valueOf(t));
        assertEquals("oops.Deep.nested(Deep.java:32)", lines(t).get(0), String.join("\n", lines(t)));
        Throwable inLambda = failure("inLambda", 0);
        assertTrue(inLambda instanceof ArithmeticException, String.valueOf(inLambda));
        assertEquals("oops.Deep.inLambda(Deep.java:39)", lines(inLambda).get(0), String.join("\n", lines(inLambda)));
        assertEquals("oops.Deep.inLambda(Deep.java:41)", lines(inLambda).get(1), String.join("\n", lines(inLambda)));
    }

    @Test
    void anExceptionRethrownFromACatchInAnOuterCoroutineKeepsTheTraceOfWhereItWasThrown() throws Throwable {
        List<String> trace = lines(failure("outer", 2));
        assertEquals(List.of("oops.Deep.check(Deep.java:11)", "oops.Deep.level3(Deep.java:7)",
                "oops.Deep.level2(Deep.java:15)", "oops.Deep.outer(Deep.java:45)"), trace.subList(0, 4),
                String.join("\n", trace));
        assertTrue(trace.get(4).contains("StackTracesTest.failure"), String.join("\n", trace));
    }

    @Test
    void aCancellationShowsWhereTheCancelledTaskWaited() throws Throwable {
        CoroutineFrame<?> frame = CoroutineCompiler.frame(loader(), "oops.DeepCoroutines", "canceller");
        String trace = (String) EventLoop.withVirtualTime().runUntilComplete(frame);
        List<String> lines = List.of(trace.split("\n"));
        assertEquals(List.of("oops.Deep.sleeper(Deep.java:50)", "oops.Deep.waitsDeep(Deep.java:51)"),
                lines.subList(0, 2), trace);
    }

    @Test
    void aTaskDumpNamesWhereEachTaskWaitsWithItsInlineCallers() throws Throwable {
        CoroutineFrame<?> frame = CoroutineCompiler.frame(loader(), "oops.WorkerCoroutines", "dump");
        String dump = (String) EventLoop.withVirtualTime().runUntilComplete(frame);
        assertTrue(dump.contains("worker [waiting on acquire of Lock[locked by Task-1, waiters:1] at Worker.java:6"
                + " (Worker.step), in Worker.run (Worker.java:9)]"), dump);
        assertTrue(dump.contains("Task-1 [running]"), dump);
    }

    @Test
    void aDeadlockReportNamesWhereTheBlockedTasksWait() throws Throwable {
        CoroutineFrame<?> frame = CoroutineCompiler.frame(loader(), "oops.WorkerCoroutines", "stuck");
        DeadlockException e = assertThrows(DeadlockException.class,
                () -> EventLoop.withVirtualTime().runUntilComplete(frame));
        assertTrue(e.getMessage().contains("worker waits on acquire of Lock[locked by Task-1, waiters:1] at"
                + " Worker.java:6 (Worker.step), in Worker.run (Worker.java:9)"), e.getMessage());
        assertTrue(e.getMessage().contains("Task-1 waits on task worker at Worker.java:24 (Worker.stuck)"),
                e.getMessage());
    }
}
