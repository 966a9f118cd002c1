package dev.weft.processor;

import static dev.weft.processor.CoroutineCompiler.runMain;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every statement form, with awaits inside, compiled, run, and checked against plain Java. */
class StatementsTest {
    @Test
    void sequenceAndLocals() throws Throwable {
        assertEquals("a1b2", runMain("""
                @Coroutine static String main() {
                    String s = await(later("a"));
                    int n = await(later(1));
                    String t = s + n;
                    t += await(later("b")) + (n + await(later(1)));
                    return t;
                }
                """));
    }

    @Test
    void ifElseWithAwaitsInConditionAndBranches() throws Throwable {
        assertEquals("[big, small, zero]", runMain("""
                @Coroutine static String classify(int x) {
                    if (await(later(x)) > 10) {
                        return await(later("big"));
                    } else if (x > 0) {
                        String s = await(later("small"));
                        return s;
                    } else
                        return "zero";
                }
                @Coroutine static List<String> main() {
                    List<String> out = new ArrayList<>();
                    out.add(classify(20));
                    out.add(classify(3));
                    out.add(classify(0));
                    return out;
                }
                """).toString());
    }

    @Test
    void whileDoWhileAndForLoops() throws Throwable {
        assertEquals("6|10|10|7", runMain("""
                @Coroutine static String main() {
                    int i = 0, a = 0;
                    while (await(later(i)) < 4) { a += i; i++; }
                    int b = 0, j = 0;
                    do { b += await(later(j)); j++; } while (j < 5);
                    int c = 0;
                    for (int k = await(later(0)); k < await(later(5)); k = k + await(later(1))) { c += k; }
                    int d = 0;
                    for (int k = 0; k < 4; k++) { if (k == 2) continue; d += await(later(k)); d += 1; }
                    return a + "|" + b + "|" + c + "|" + d;
                }
                """));
    }

    @Test
    void enhancedForOverIterablesAndArraysIncludingPrimitiveArrays() throws Throwable {
        assertEquals("abc|6|6.5|xy|3", runMain("""
                @Coroutine static String main() {
                    StringBuilder sb = new StringBuilder();
                    for (String s : Arrays.asList("a", "b", "c")) { sb.append(await(later(s))); }
                    int sum = 0;
                    for (int v : new int[] {1, 2, 3}) { sum += await(later(v)); }
                    double ds = 0;
                    for (double v : await(later(new double[] {1.5, 5}))) { ds += await(later(v)); }
                    String chars = "";
                    for (char ch : new char[] {'x', 'y'}) { chars += await(later(ch)); }
                    long widened = 0;
                    for (long w : new byte[] {1, 2}) { widened += await(later(w)); }
                    return sb + "|" + sum + "|" + ds + "|" + chars + "|" + widened;
                }
                """));
    }

    @Test
    void labeledBreakAndContinueAcrossNestedLoops() throws Throwable {
        assertEquals("[0:0, 0:1, 1:0, 2:0, 2:1]", runMain("""
                @Coroutine static List<String> main() {
                    List<String> out = new ArrayList<>();
                    outer:
                    for (int i = 0; i < 5; i++) {
                        for (int j = 0; ; j++) {
                            if (await(later(j)) == 2) continue outer;
                            if (i == 1 && j == 1) continue outer;
                            if (i == 3) break outer;
                            out.add(i + ":" + j);
                        }
                    }
                    block: {
                        if (await(later(true))) break block;
                        out.add("not reached");
                    }
                    return out;
                }
                """).toString());
    }

    @Test
    void switchStatementsOnIntCharStringAndEnumWithFallthroughAndDefault() throws Throwable {
        assertEquals("[one-two, two, other, c-a, str-b, RED, GREEN!, arrow-2]", runMain("""
                enum Color { RED, GREEN, BLUE }
                @Coroutine static List<String> main() {
                    List<String> out = new ArrayList<>();
                    for (int i = 1; i <= 3; i++) {
                        String s = "";
                        switch (await(later(i))) {
                            case 1: s += "one-";
                            case 2: s += await(later("two")); break;
                            default: s = "other";
                        }
                        out.add(s);
                    }
                    switch (await(later('c'))) { case 'a': out.add("a"); break; case 'c': out.add("c-" + await(later("a"))); }
                    switch (await(later("b"))) { case "a": break; case "b": out.add("str-" + await(later("b"))); break; }
                    for (Color c : new Color[] {Color.RED, Color.GREEN}) {
                        switch (c) {
                            case RED: out.add(await(later(c.name()))); break;
                            case GREEN: out.add(c + await(later("!"))); break;
                            default: out.add("?");
                        }
                    }
                    int k = 2;
                    switch (k) {
                        case 1 -> out.add("arrow-1");
                        case 2 -> { String t = await(later("arrow-")); out.add(t + k); }
                        default -> throw new IllegalStateException();
                    }
                    return out;
                }
                """).toString());
    }

    @Test
    void switchExpressionsWithYield() throws Throwable {
        assertEquals("[ten, 21, twenty, 7]", runMain("""
                @Coroutine static List<Object> main() {
                    List<Object> out = new ArrayList<>();
                    for (int i : new int[] {1, 2}) {
                        String s = switch (i) {
                            case 1 -> await(later("ten"));
                            case 2 -> { String t = await(later("twen")); yield t + "ty"; }
                            default -> throw new IllegalStateException();
                        };
                        int n = switch (await(later(i))) {
                            case 1: yield 21;
                            default: { int m = await(later(7)); yield m; }
                        };
                        out.add(i == 1 ? s : n + "");
                        out.add(i == 1 ? n + "" : s);
                    }
                    return List.of(out.get(0), out.get(1), out.get(3), out.get(2));
                }
                """).toString());
    }

    @Test
    void throwAndTryCatchWithMultiCatch() throws Throwable {
        assertEquals("[caught boom, multi IllegalArgumentException, after]", runMain("""
                @Coroutine static List<String> main() {
                    List<String> out = new ArrayList<>();
                    try {
                        await(later(1));
                        throw new IllegalStateException(await(later("boom")));
                    } catch (IllegalStateException e) {
                        out.add("caught " + e.getMessage());
                    }
                    try {
                        Object x = await(failLater(new IllegalArgumentException("bad")));
                        out.add("not here");
                    } catch (IllegalArgumentException | UnsupportedOperationException e) {
                        out.add("multi " + await(later(e.getClass().getSimpleName())));
                    }
                    out.add("after");
                    return out;
                }
                """).toString());
    }

    @Test
    void finallyRunsOnNormalExceptionalAndJumpingExits() throws Throwable {
        assertEquals("[body, caught x, finally, finally2, loop0, f0, f1, f2, ret-finally, r]", runMain("""
                static List<String> log = new ArrayList<>();
                @Coroutine static String ret() {
                    try {
                        return await(later("r"));
                    } finally {
                        log.add("ret-finally");
                    }
                }
                @Coroutine static List<String> main() {
                    try { log.add(await(later("body"))); } finally { log.add(await(later("finally"))); }
                    try {
                        try { await(later(0)); throw new RuntimeException("x"); }
                        finally { log.add("finally2"); }
                    } catch (RuntimeException e) { log.add(1, "caught " + e.getMessage()); }
                    for (int i = 0; i < 5; i++) {
                        try {
                            if (i == 1) continue;
                            if (i == 2) break;
                            log.add("loop" + await(later(i)));
                        } finally {
                            log.add("f" + i);
                        }
                    }
                    log.add(ret());
                    return log;
                }
                """).toString());
    }

    @Test
    void exceptionThrownInFinallyReplacesThePendingOne() throws Throwable {
        assertEquals("from finally", runMain("""
                @Coroutine static String main() {
                    try {
                        try {
                            await(later(1));
                            throw new IllegalStateException("from try");
                        } finally {
                            await(later(2));
                            throw new IllegalArgumentException("from finally");
                        }
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                }
                """));
    }

    @Test
    void nestedTriesAndReturnThroughTwoFinallies() throws Throwable {
        assertEquals("[inner, outer, 42]", runMain("""
                static List<Object> log = new ArrayList<>();
                @Coroutine static int f() {
                    try {
                        try {
                            return await(later(42));
                        } finally {
                            log.add(await(later("inner")));
                        }
                    } finally {
                        log.add("outer");
                    }
                }
                @Coroutine static List<Object> main() {
                    int v = f();
                    log.add(v);
                    return log;
                }
                """).toString());
    }

    @Test
    void tryWithResourcesClosesInReverseOrderAndSuppressesCloseFailures() throws Throwable {
        assertEquals("[open a, open b, body, close b, close a, open c, close c, body failed,"
                + " suppressed: close c failed]", runMain("""
                static List<String> log = new ArrayList<>();
                static final class Res implements AutoCloseable {
                    final String name; final boolean failClose;
                    Res(String name, boolean failClose) { this.name = name; this.failClose = failClose; log.add("open " + name); }
                    public void close() { log.add("close " + name); if (failClose) throw new IllegalStateException("close " + name + " failed"); }
                }
                @Coroutine static List<String> main() {
                    try (Res a = new Res(await(later("a")), false); Res b = new Res("b", false)) {
                        log.add(await(later("body")));
                    }
                    try {
                        try (Res c = new Res("c", true)) {
                            await(later(1));
                            throw new IllegalArgumentException("body failed");
                        }
                    } catch (IllegalArgumentException e) {
                        log.add(e.getMessage());
                        log.add("suppressed: " + e.getSuppressed()[0].getMessage());
                    }
                    return log;
                }
                """).toString());
    }

    @Test
    void scopesMayReuseANameWithAnotherType() throws Throwable {
        assertEquals("x3true", runMain("""
                @Coroutine static String main() {
                    String r = "";
                    { String v = await(later("x")); r += v; }
                    { int v = await(later(3)); r += v; }
                    for (int i = 0; i < 1; i++) { boolean v = await(later(true)); r += v; }
                    return r;
                }
                """));
    }
}
