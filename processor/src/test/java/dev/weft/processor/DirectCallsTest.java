package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Calls of coroutines run directly on the Java stack ({@code callInline}): results passed
 * unboxed, callees that suspend in the middle of a chain, the depth bound, a machine split across
 * methods, failures and cancellation crossing direct calls.
 */
class DirectCallsTest {
    @Test
    void recursionFarDeeperThanTheDirectBoundNeedsNoDeepJavaStack() throws Throwable {
        // 32 calls at a time on the Java stack, then the driver takes over: 200,000 levels
        Object result = CoroutineCompiler.runMain("""
                @Coroutine static int depth(int n) {
                    if (n == 0) {
                        return await(later(0));
                    }
                    return depth(n - 1) + 1;
                }
                @Coroutine static long main() {
                    return depth(200_000) + depth(5);
                }
                """);
        assertEquals(200_005L, result);
    }

    @Test
    void primitiveResultsOfEveryKindWhetherTheCalleeSuspendsOrNot() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static int i(int x) { if (x % 2 == 1) await(later(x)); return x * 1000; }
                @Coroutine static long l(int x) { if (x % 2 == 0) await(later(x)); return x * 10_000_000_000L; }
                @Coroutine static double d(int x) { if (x > 1) await(later(x)); return x / 3.0; }
                @Coroutine static boolean b(int x) { if (x == 2) await(later(x)); return x % 3 == 0; }
                @Coroutine static short s(int x) { return (short) (x * 300); }
                @Coroutine static char c(int x) { if (x == 1) await(later(x)); return (char) ('a' + x); }
                @Coroutine static float f(int x) { return x / 7f; }
                @Coroutine static Integer boxed(int x) { return x == 3 ? null : x; }
                @Coroutine static String main() {
                    StringBuilder sb = new StringBuilder();
                    for (int x = 0; x < 4; x++) {
                        sb.append(i(x)).append(' ').append(l(x)).append(' ').append(d(x)).append(' ')
                          .append(b(x)).append(' ').append(s(x)).append(' ').append(c(x)).append(' ')
                          .append(f(x)).append(' ').append(boxed(x)).append('|');
                        // kept across a later suspension: the left operand is boxed then
                        long sum = i(x) + l(x) + (b(x) ? 1 : 0) + (long) d(x) + await(later(x));
                        sb.append(sum).append(i(x) == i(x) ? "=" : "!").append(';');
                    }
                    return sb.toString();
                }
                """);
    }

    @Test
    void tasksInterleaveWhileTheirDirectCalleesSuspend() throws Throwable {
        // both tasks pass unboxed results through the loop while the other one's callees are suspended
        Object result = CoroutineCompiler.runMain("""
                @Coroutine static int leaf(int k) {
                    if (k % 3 == 0) {
                        await(yieldNow());
                    }
                    return k;
                }
                @Coroutine static int middle(int k) {
                    int a = leaf(k);
                    if (k % 5 == 0) {
                        await(sleep(1));
                    }
                    return a + leaf(k + 1) * 2;
                }
                @Coroutine static long worker(int n) {
                    long sum = 0;
                    for (int k = 0; k < n; k++) {
                        sum += middle(k);
                    }
                    return sum;
                }
                @Coroutine static String main() {
                    Task<Long> a = spawn(TCoroutines.worker(300));
                    Task<Long> b = spawn(TCoroutines.worker(200));
                    return await(a) + " " + await(b);
                }
                """);
        assertEquals(expectedWorker(300) + " " + expectedWorker(200), result);
    }

    private static long expectedWorker(int n) {
        long sum = 0;
        for (int k = 0; k < n; k++) {
            sum += k + (k + 1) * 2;
        }
        return sum;
    }

    @Test
    void failuresCrossDirectCallsThroughCatchAndFinallyBlocks() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static int thrower(int k) {
                    if (k == 2) {
                        await(later(k));
                    }
                    if (k > 0) {
                        throw new IllegalStateException("k=" + k);
                    }
                    return k;
                }
                @Coroutine static int middle(int k) {
                    try {
                        return thrower(k) + 1;
                    } finally {
                        log.add("finally " + k);
                    }
                }
                @Coroutine static String main() {
                    String r = "";
                    for (int k = 0; k < 3; k++) {
                        try {
                            r += middle(k) + ",";
                        } catch (IllegalStateException e) {
                            r += e.getMessage() + ",";
                        }
                    }
                    return r;
                }
                """);
    }

    @Test
    void aMachineSplitAcrossMethodsKeepsEachCallWithWhereItResumes() throws Throwable {
        // a hundred characters of code or more per statement: the machine is split into several methods;
        // results in awaited (String) and unboxed (int) reach states in the next method
        StringBuilder body = new StringBuilder("""
                @Coroutine static int twice(int k) { if (k % 7 == 0) await(later(k)); return 2 * k; }
                @Coroutine static String name(int k) { if (k % 5 == 0) await(later(k)); return "n" + k; }
                @Coroutine static String main() {
                    long s = 0;
                """);
        for (int k = 0; k < 600; k++) {
            body.append("        s = s * 31 + twice(").append(k).append(") + name(").append(k).append(").length();\n");
        }
        body.append("        return \"s=\" + s;\n    }\n");
        String outcome = assertSameAsPlainJava(body.toString());
        assertTrue(outcome.startsWith("returned s="), outcome);
        String generated = CoroutineCompiler.generatedSources(
                CoroutineCompiler.compile(List.of(), CoroutineCompiler.classT(PlainJavaComparison.HELPERS + body)));
        assertTrue(generated.contains("The states are split into"), generated.substring(0, Math.min(3000, generated.length())));
    }

    @Test
    void aLocalNamedLikeTheFramesMembersIsRenamedInGeneratedCode() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static int one(int k) { await(later(k)); return 1; }
                @Coroutine static String main() {
                    int SUSPENDED_INSIDE = 40;
                    int state = one(0) + one(1);
                    return "" + (SUSPENDED_INSIDE + state + one(2));
                }
                """);
    }

    @Test
    @Timeout(120)
    void anExceptionThrownInASplitMachineReachesTheCaller() throws Throwable {
        // regression: the probe for a machine's anchor line (stack traces) looped forever on split machines
        StringBuilder body = new StringBuilder("""
                @Coroutine static int twice(int k) { if (k % 7 == 0) await(later(k)); return 2 * k; }
                @Coroutine static String main() {
                    long s = 0;
                """);
        for (int k = 0; k < 400; k++) {
            body.append("        s = s * 31 + twice(").append(k).append(");\n");
        }
        body.append("        if (s != 0) throw new IllegalStateException(\"s=\" + s);\n        return \"zero\";\n    }\n");
        String outcome = assertSameAsPlainJava(body.toString());
        assertTrue(outcome.startsWith("threw java.lang.IllegalStateException: s="), outcome);
    }

    @Test
    void cancellingATaskWhoseDirectCalleeWaitsRunsEveryFinallyBlock() throws Throwable {
        Object result = CoroutineCompiler.runMain("""
                static List<String> log = new ArrayList<>();
                @Coroutine static int inner(Event e) {
                    try {
                        await(e);
                        return 1;
                    } finally {
                        log.add("inner");
                    }
                }
                @Coroutine static int outer(Event e) {
                    try {
                        return inner(e) + 1;
                    } finally {
                        log.add("outer");
                    }
                }
                @Coroutine static String main() {
                    Event e = new Event();
                    Task<Integer> t = spawn(TCoroutines.outer(e));
                    await(yieldNow());
                    String waiting = t.toString();
                    t.cancel();
                    try {
                        await(t);
                        return "not cancelled";
                    } catch (CancelledException c) {
                        return waiting + " " + log + " " + t.isCancelled();
                    }
                }
                """);
        String s = (String) result;
        assertTrue(s.endsWith(" [inner, outer] true"), s);
        assertTrue(s.contains("waiting on Event") && s.contains("T.inner") && s.contains("in T.outer"), s);
    }

    @Test
    void reusedFramesStartAsNewWhateverTheLastCallLeftInThem() throws Throwable {
        // the callee's frame is reused call after call: each call sees only its own parameters
        // and locals, whether the last one finished, suspended (not reused) or failed (not reused)
        assertSameAsPlainJava("""
                @Coroutine static String leaf(int x, String tag) {
                    String local;
                    if (x % 3 == 0) {
                        local = tag + x;
                    } else {
                        local = "-";
                    }
                    if (x % 4 == 1) await(later(x));
                    if (x % 5 == 2) throw new IllegalStateException("x" + x);
                    return local + tag.length();
                }
                @Coroutine static String mid(int x) {
                    try {
                        return leaf(x, x % 2 == 0 ? "even" : "odd") + leaf(x + 1, "n");
                    } catch (IllegalStateException e) {
                        return "!" + e.getMessage();
                    }
                }
                @Coroutine static String main() {
                    StringBuilder sb = new StringBuilder();
                    for (int x = 0; x < 40; x++) sb.append(mid(x)).append(',');
                    return sb.toString();
                }
                """);
    }

    @Test
    void aCalleeWithALambdaGetsANewFrameForEachCall() throws Throwable {
        // the lambdas read the callee's kept local after the calls returned: frames are not reused
        assertSameAsPlainJava("""
                @Coroutine static java.util.function.Supplier<String> make(String s) {
                    String kept = s + "!";
                    await(later(0));
                    return () -> kept;
                }
                @Coroutine static String main() {
                    java.util.List<java.util.function.Supplier<String>> all = new java.util.ArrayList<>();
                    for (int i = 0; i < 5; i++) all.add(make("s" + i));
                    StringBuilder sb = new StringBuilder();
                    for (java.util.function.Supplier<String> x : all) sb.append(x.get());
                    return sb.toString();
                }
                """);
    }

    @Test
    void onlyFramesOfCalleesInThePackageWithoutLambdasAreReused() {
        String generated = CoroutineCompiler.generatedSources(CoroutineCompiler.compile(List.of(), """
                package t;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                public class T {
                    @Coroutine static int plain(int x) { return x + 1; }
                    @Coroutine static Runnable withLambda(int x) { return () -> System.out.println(x); }
                    @Coroutine static int neverCalled(int x) { return x; }
                    @Coroutine static int main() { withLambda(1); return plain(1); }
                }
                """));
        assertTrue(generated.contains("callInline(PlainFrame.directCall(this, 1))"), generated);
        assertTrue(generated.contains("callInline(TCoroutines.withLambda(1))"), generated);
        assertEquals(1, generated.split("static PlainFrame directCall", -1).length - 1, generated);
        assertTrue(!generated.contains("WithLambdaFrame directCall") && !generated.contains("NeverCalledFrame directCall")
                && !generated.contains("MainFrame directCall"), generated);
    }
}
