package dev.weft.processor;

import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;

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
}
