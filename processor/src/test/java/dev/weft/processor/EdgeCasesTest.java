package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Combinations of constructs that meet in the lowering: jumps, finally blocks, switches, loops. */
class EdgeCasesTest {
    @Test
    void tryWithAnExistingResourceVariable() throws Throwable {
        assertSameAsPlainJava("""
                static final class Res implements AutoCloseable {
                    public void close() { log.add("close"); }
                }
                @Coroutine static String main() throws Exception {
                    Res r = await(later(new Res()));
                    try (r) {
                        log.add("body " + await(later(1)));
                    }
                    return "ok";
                }
                """);
    }

    @Test
    void doWhileWithContinueAndBreakInsideASwitch() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    int i = 0;
                    String s = "";
                    do {
                        i++;
                        switch (await(later(i % 3))) {
                            case 0: continue;
                            case 1: s += "one"; break;
                            default: if (i > 6) break; s += await(later("two"));
                        }
                        s += ",";
                    } while (await(later(i)) < 8);
                    return s;
                }
                """);
    }

    @Test
    void returnFromInsideASwitchInsideATryWithFinally() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String pick(int k) {
                    try {
                        switch (k) {
                            case 1: return await(later("one"));
                            case 2: break;
                            default: throw new IllegalArgumentException("k=" + k);
                        }
                        return "two";
                    } finally {
                        log.add("finally " + k + " " + await(later(k)));
                    }
                }
                @Coroutine static String main() {
                    String r = pick(1) + pick(2);
                    try { pick(3); } catch (IllegalArgumentException e) { r += e.getMessage(); }
                    return r;
                }
                """);
    }

    @Test
    void breakAndContinueThroughNestedFinallyBlocks() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    outer:
                    for (int i = 0; i < 3; i++) {
                        try {
                            for (int j = 0; j < 3; j++) {
                                try {
                                    if (j == 1) continue outer;
                                    if (i == 2) break outer;
                                    log.add(i + "" + await(later(j)));
                                } finally {
                                    log.add("in" + i + j);
                                }
                            }
                        } finally {
                            log.add("out" + await(later(i)));
                        }
                    }
                    return "done";
                }
                """);
    }

    @Test
    void finallyThatSwallowsAnExceptionWithABreak() throws Throwable {
        assertSameAsPlainJava("""
                @SuppressWarnings("finally")
                @Coroutine static String main() {
                    int n = 0;
                    while (true) {
                        try {
                            n += await(later(1));
                            throw new IllegalStateException("lost");
                        } finally {
                            if (n < 3) continue;
                            break;
                        }
                    }
                    return "n=" + n;
                }
                """);
    }

    @Test
    void exceptionInACatchBlockGoesThroughTheFinally() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    try {
                        try {
                            await(failLater(new IllegalStateException("first")));
                        } catch (IllegalStateException e) {
                            log.add("caught " + e.getMessage());
                            await(later(1));
                            throw new IllegalArgumentException("second");
                        } finally {
                            log.add("finally");
                        }
                    } catch (IllegalArgumentException e) {
                        return e.getMessage();
                    }
                    return "none";
                }
                """);
    }

    @Test
    void switchExpressionYieldingFromNestedStatements() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    String r = "";
                    for (int k = 0; k < 4; k++) {
                        long v = switch (k) {
                            case 0 -> 1;
                            case 1 -> await(later(2L));
                            case 2 -> {
                                int acc = 0;
                                for (int i = 0; i < 3; i++) {
                                    if (i == 2) yield acc + await(later(100));
                                    acc += i;
                                }
                                yield -1;
                            }
                            default -> { try { yield await(later(7)); } finally { log.add("fin"); } }
                        };
                        r += v + " ";
                    }
                    return r;
                }
                """);
    }

    @Test
    void uncaughtExceptionsPropagateThroughSubCoroutines() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static int inner(int x) {
                    if (await(later(x)) > 2) throw new IllegalStateException("too big: " + x);
                    return x;
                }
                @Coroutine static int middle(int x) {
                    try { return inner(x) * 10; } finally { log.add("middle finally " + x); }
                }
                @Coroutine static int main() {
                    int total = middle(1) + middle(2);
                    return total + middle(3);
                }
                """);
    }

    @Test
    void labeledBlockWithBreakFromALoopInside() throws Throwable {
        assertSameAsPlainJava("""
                @Coroutine static String main() {
                    String found = "none";
                    search: {
                        for (String s : Arrays.asList("a", "bb", "ccc")) {
                            if (await(later(s)).length() == 2) { found = s; break search; }
                        }
                        found = "not found";
                    }
                    return found;
                }
                """);
    }

    @Test
    void aMethodTooLargeForOneResumeMethodIsSplitAcrossMethods() throws Throwable {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            body.append(i % 10 == 9 ? "        await(later(0));\n" : "        s += " + i + " * x; list.add(s);\n");
        }
        assertEquals("returned 5396400 [done]", assertSameAsPlainJava("""
                @Coroutine static long big(long x) {
                    long s = 0;
                    List<Long> list = new ArrayList<>();
                    try {
                BODY
                    } finally {
                        log.add("done");
                    }
                    return s + list.size();
                }
                @Coroutine static long main() { return big(3); }
                """.replace("BODY", body)));
    }

    @Test
    void twoHundredFiftyFiveParametersFitTheFactoryAsTheyFitTheMethod() throws Throwable {
        StringBuilder params = new StringBuilder();
        StringBuilder sum = new StringBuilder();
        StringBuilder args = new StringBuilder();
        for (int i = 0; i < 255; i++) {
            params.append(i == 0 ? "" : ", ").append("int a").append(i);
            sum.append(i == 0 ? "" : " + ").append("a").append(i);
            args.append(i == 0 ? "" : ", ").append(i);
        }
        assertEquals("returned 32385 []", assertSameAsPlainJava("""
                @Coroutine static int many(PARAMS) { await(later(0)); return SUM; }
                @Coroutine static int main() { return many(ARGS); }
                """.replace("PARAMS", params).replace("SUM", sum).replace("ARGS", args)));
    }
}
