package dev.weft.processor;

import static dev.weft.processor.CoroutineCompiler.compileAndLoad;
import static dev.weft.processor.CoroutineCompiler.run;
import static dev.weft.processor.PlainJavaComparison.assertSameAsPlainJava;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Syntax of Java releases after 17 in coroutines. The tests compile with the javac of the JVM
 * that runs them, at its default (newest) language level: on an older JDK they are skipped.
 */
class NewerJavaTest {
    private static void assumeJava(int feature) {
        assumeTrue(Runtime.version().feature() >= feature, "needs javac " + feature + "+");
    }

    @Test
    void unnamedVariablesAreNeverKeptInFields() throws Throwable {
        assumeJava(22);
        assertSameAsPlainJava("""
                record Pt(int x, int y) {}
                @Coroutine static <V> V slow(V x) { await(later(0)); return x; }
                @Coroutine static String main() {
                    int n = 0;
                    for (String _ : List.of("a", "b")) n += await(later(1));
                    for (int _ : new int[] {5, 6}) n += slow(10);
                    try { for (int _ : Arrays.asList(1, null)) n += slow(100); } catch (NullPointerException _) { n += slow(1000); }
                    try { await(failLater(new IllegalStateException())); } catch (IllegalStateException _) { n += await(later(10000)); }
                    try { await(failLater(new IllegalStateException())); } catch (IllegalStateException | IllegalArgumentException _) { n++; }
                    try (TracedResource _ = new TracedResource("a", false); TracedResource _ = new TracedResource("b", true)) {
                        n += slow(2);
                    } catch (IllegalStateException _) { log.add("close failed"); }
                    var _ = n;
                    String _ = await(later("ignored"));
                    int _ = slow(4), _ = slow(5);
                    for (int i = 0, _ = slow(0); i < 2; i++) n += slow(i);
                    BiFunction<Integer, Integer, Integer> f = (a, _) -> a;
                    if (slow((Object) new Pt(1, 2)) instanceof Pt _) n += slow(7);
                    switch (slow(2)) { case 2: int _ = slow(9); n += 1; break; default: break; }
                    return n + " " + f.apply(slow(3), 4);
                }
                """);
    }

    @Test
    void moduleImportsAreCopiedAsModuleImports() throws Throwable {
        assumeJava(25);
        ClassLoader loader = compileAndLoad(List.of(), """
                package t;
                import module java.base;
                import dev.weft.*;
                import static dev.weft.Weft.*;
                import static t.Later.*;
                public class T {
                    @Coroutine static String main() {
                        Map<String, Integer> m = new TreeMap<>();
                        for (String s : List.of("ab", "c")) m.put(s, await(later(s.length())));
                        return m.toString();
                    }
                }
                """);
        assertEquals("{ab=2, c=1}", run(loader, "t.TCoroutines", "main"));
    }
}
